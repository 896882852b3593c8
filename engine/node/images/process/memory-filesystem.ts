// A ContainerFilesystem kept in memory: an image's files and directories plus what the container writes. Tests use
// it; the runtime may too, overlaying volumes on it.

import type { ContainerFilesystem } from '../program.ts';
import { dirname } from './paths.ts';

export class MemoryFilesystem implements ContainerFilesystem {
  private readonly files = new Map<string, string>();
  private readonly directories = new Set<string>(['/']);

  constructor(files: Record<string, string> = {}, directories: string[] = []) {
    for (const directory of directories) this.mkdir(directory);
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  write(path: string, content: string): void {
    this.mkdir(dirname(path));
    this.files.set(path, content);
  }

  remove(path: string): boolean {
    if (this.files.delete(path)) return true;
    if (path === '/' || !this.directories.has(path)) return false;
    const prefix = path + '/';
    for (const file of [...this.files.keys()]) if (file.startsWith(prefix)) this.files.delete(file);
    for (const directory of [...this.directories])
      if (directory === path || directory.startsWith(prefix)) this.directories.delete(directory);
    return true;
  }

  list(path: string): string[] | undefined {
    if (!this.directories.has(path)) return undefined;
    const prefix = path === '/' ? '/' : path + '/';
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.directories]) {
      if (entry.startsWith(prefix) && entry !== path) names.add(entry.slice(prefix.length).split('/')[0]!);
    }
    names.delete('');
    return [...names].sort();
  }

  isDirectory(path: string): boolean {
    return this.directories.has(path);
  }

  mkdir(path: string): void {
    for (let current = path; !this.directories.has(current); current = dirname(current)) this.directories.add(current);
  }
}
