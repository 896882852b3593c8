// File access for commands on the container filesystem: reading with the errors a kernel gives (ENOENT, EISDIR,
// ENOTDIR), checking where a file can be created, the /dev files every container has, and an output that writes
// through to a file as the command writes.

import type { ContainerFilesystem } from '../program.ts';
import type { Errno } from './errno.ts';
import { dirname } from './paths.ts';
import type { OutputStream } from './streams.ts';

/** Device files that exist in every container and read as empty. */
const devices = new Set(['/dev/null', '/dev/zero', '/dev/tty', '/dev/stdin', '/dev/stdout', '/dev/stderr']);

export function exists(fs: ContainerFilesystem, path: string): boolean {
  return devices.has(path) || fs.isDirectory(path) || fs.read(path) !== undefined;
}

/** A file's content, or why it cannot be read. */
export function readFile(fs: ContainerFilesystem, path: string): string | { errno: Errno } {
  if (devices.has(path)) return '';
  if (fs.isDirectory(path)) return { errno: 'EISDIR' };
  const content = fs.read(path);
  if (content !== undefined) return content;
  return { errno: missingErrno(fs, path) };
}

/** Why a path does not exist: its parent is missing, or is a file. */
export function missingErrno(fs: ContainerFilesystem, path: string): Errno {
  for (let parent = dirname(path); parent !== '/'; parent = dirname(parent)) {
    if (fs.isDirectory(parent)) return 'ENOENT';
    if (fs.read(parent) !== undefined) return 'ENOTDIR';
  }
  return 'ENOENT';
}

/** Why a file cannot be created or written at `path`, or undefined when it can. */
export function cannotWrite(fs: ContainerFilesystem, path: string): Errno | undefined {
  if (fs.isDirectory(path)) return 'EISDIR';
  const parent = dirname(path);
  if (fs.isDirectory(parent)) return undefined;
  return fs.read(parent) !== undefined ? 'ENOTDIR' : missingErrno(fs, parent);
}

/** Writes into a file as text arrives (truncating it first unless appending). */
export function fileOutput(fs: ContainerFilesystem, path: string, append: boolean): OutputStream {
  if (path === '/dev/null') return { write: async () => true };
  let content = append ? (fs.read(path) ?? '') : '';
  fs.write(path, content);
  return {
    async write(text) {
      content += text;
      fs.write(path, content);
      return true;
    },
  };
}
