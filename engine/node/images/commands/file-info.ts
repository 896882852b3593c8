// What ls and stat-like tools show about a path: type, permissions, size, link count. The container filesystem keeps
// no modes, so programs in the PATH directories and scripts count as executable.

import type { ContainerFilesystem } from '../program.ts';

export interface FileInfo {
  directory: boolean;
  size: number;
  mode: string;
  links: number;
}

const binDirectories = /^\/(usr\/(local\/)?)?s?bin\//;

export function fileInfo(fs: ContainerFilesystem, path: string): FileInfo | undefined {
  if (fs.isDirectory(path))
    return { directory: true, size: 4096, mode: path === '/tmp' ? 'drwxrwxrwt' : 'drwxr-xr-x', links: 2 };
  const content = fs.read(path);
  if (content === undefined) return undefined;
  const executable = content.startsWith('#!') || (content === '' && binDirectories.test(path));
  return {
    directory: false,
    size: Buffer.byteLength(content),
    mode: executable ? '-rwxr-xr-x' : '-rw-r--r--',
    links: 1,
  };
}
