// A container's filesystem as overlayfs gives it: the image's files read-only below, the container's own changes
// (writes, new directories, removals) in an upper layer that costs nothing until the container writes, the files
// the kubelet manages (/etc/hosts, /etc/hostname, /etc/resolv.conf) bound over the image's, and volumes mounted at
// their paths.

import type { ContainerFilesystem, ImageDefinition } from '../images/program.ts';

interface ImageIndex {
  files: Record<string, string>;
  /** Directory → the names directly in it. */
  dirs: Map<string, Set<string>>;
}

/** Files bound over the image's, by absolute path (a ReadonlyMap will do). */
export interface BoundFiles {
  get(path: string): string | undefined;
  keys(): Iterable<string>;
}

export interface Mount {
  /** Absolute path in the container. */
  path: string;
  fs: ContainerFilesystem;
  readOnly: boolean;
}

const indexes = new WeakMap<ImageDefinition, ImageIndex>();

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return '/' + parts.join('/');
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function addToDirs(dirs: Map<string, Set<string>>, path: string): void {
  for (let child = path; child !== '/'; child = parentOf(child)) {
    const parent = parentOf(child);
    let names = dirs.get(parent);
    if (!names) dirs.set(parent, (names = new Set()));
    if (names.has(nameOf(child))) return;
    names.add(nameOf(child));
  }
}

/** Adds the name under `dir` that leads to `path`, when `path` is below `dir`. */
function addChildOnPath(names: Set<string>, dir: string, path: string): void {
  const prefix = dir === '/' ? '/' : dir + '/';
  if (!path.startsWith(prefix) || path === dir) return;
  const rest = path.slice(prefix.length);
  const slash = rest.indexOf('/');
  names.add(slash < 0 ? rest : rest.slice(0, slash));
}

function imageIndex(image: ImageDefinition): ImageIndex {
  let index = indexes.get(image);
  if (!index) {
    const dirs = new Map<string, Set<string>>([['/', new Set()]]);
    for (const path of Object.keys(image.files)) addToDirs(dirs, normalizePath(path));
    for (const dir of image.directories ?? []) {
      const path = normalizePath(dir);
      addToDirs(dirs, path);
      if (!dirs.has(path)) dirs.set(path, new Set());
    }
    const files: Record<string, string> = {};
    for (const [path, content] of Object.entries(image.files)) files[normalizePath(path)] = content;
    index = { files, dirs };
    indexes.set(image, index);
  }
  return index;
}

/** A filesystem on its own (an emptyDir volume, a container's upper layer). */
export class MemoryFilesystem implements ContainerFilesystem {
  private readonly files = new Map<string, string>();
  private readonly dirs = new Map<string, Set<string>>([['/', new Set()]]);

  read(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }

  write(path: string, content: string): void {
    const p = normalizePath(path);
    if (this.dirs.has(p)) return;
    this.files.set(p, content);
    addToDirs(this.dirs, p);
  }

  remove(path: string): boolean {
    const p = normalizePath(path);
    if (p === '/') return false;
    const isFile = this.files.delete(p);
    const isDir = !isFile && this.dirs.has(p);
    if (isDir) {
      for (const key of [...this.files.keys()]) if (key.startsWith(p + '/')) this.files.delete(key);
      for (const key of [...this.dirs.keys()]) if (key === p || key.startsWith(p + '/')) this.dirs.delete(key);
    }
    if (isFile || isDir) this.dirs.get(parentOf(p))?.delete(nameOf(p));
    return isFile || isDir;
  }

  list(path: string): string[] | undefined {
    const names = this.dirs.get(normalizePath(path));
    return names ? [...names].sort() : undefined;
  }

  isDirectory(path: string): boolean {
    return this.dirs.has(normalizePath(path));
  }

  mkdir(path: string): void {
    const p = normalizePath(path);
    if (this.files.has(p)) return;
    addToDirs(this.dirs, p);
    if (!this.dirs.has(p)) this.dirs.set(p, new Set());
  }
}

/** Ignores writes, as a read-only mount would refuse them. */
class ReadOnlyFilesystem implements ContainerFilesystem {
  constructor(private readonly fs: ContainerFilesystem) {}

  read(path: string): string | undefined {
    return this.fs.read(path);
  }

  write(): void {}

  remove(): boolean {
    return false;
  }

  list(path: string): string[] | undefined {
    return this.fs.list(path);
  }

  isDirectory(path: string): boolean {
    return this.fs.isDirectory(path);
  }

  mkdir(): void {}
}

export class OverlayFilesystem implements ContainerFilesystem {
  private readonly image: ImageIndex;
  private upper: MemoryFilesystem | undefined;
  /** Paths of the image removed in the upper layer. */
  private whiteouts: Set<string> | undefined;
  /** Longest path first; `source` is the filesystem as it was given (before read-only wrapping). */
  private readonly mounts: (Mount & { source: ContainerFilesystem })[];

  constructor(
    image: ImageDefinition,
    /** Files bound over the image's (kubelet-managed /etc/hosts…). */
    private readonly bound: BoundFiles,
    mounts: readonly Mount[],
  ) {
    this.image = imageIndex(image);
    this.mounts = mounts
      .map((m) => ({
        path: normalizePath(m.path),
        fs: m.readOnly ? new ReadOnlyFilesystem(m.fs) : m.fs,
        readOnly: m.readOnly,
        source: m.fs,
      }))
      .sort((a, b) => b.path.length - a.path.length);
  }

  read(path: string): string | undefined {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.read(this.inside(mount, p));
    const bound = this.bound.get(p);
    if (bound !== undefined) return bound;
    const written = this.upper?.read(p);
    if (written !== undefined) return written;
    if (this.hidden(p)) return undefined;
    return this.image.files[p];
  }

  write(path: string, content: string): void {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.write(this.inside(mount, p), content);
    if (this.isDirectory(p)) return;
    this.unhide(p);
    (this.upper ??= new MemoryFilesystem()).write(p, content);
  }

  remove(path: string): boolean {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.remove(this.inside(mount, p));
    const existed = this.read(p) !== undefined || this.isDirectory(p);
    if (!existed || p === '/') return false;
    this.upper?.remove(p);
    const under = p + '/';
    for (const path of [...Object.keys(this.image.files), ...this.image.dirs.keys()]) {
      if (path === p || path.startsWith(under)) (this.whiteouts ??= new Set()).add(path);
    }
    return true;
  }

  list(path: string): string[] | undefined {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.list(this.inside(mount, p));
    if (!this.isDirectory(p)) return undefined;
    const names = new Set<string>();
    for (const name of this.image.dirs.get(p) ?? [])
      if (!this.hidden(p === '/' ? `/${name}` : `${p}/${name}`)) names.add(name);
    for (const name of this.upper?.list(p) ?? []) names.add(name);
    for (const bound of this.bound.keys()) addChildOnPath(names, p, bound);
    for (const m of this.mounts) addChildOnPath(names, p, m.path);
    return [...names].sort();
  }

  isDirectory(path: string): boolean {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.isDirectory(this.inside(mount, p));
    if (this.upper?.isDirectory(p)) return true;
    if (this.mounts.some((m) => m.path.startsWith(p === '/' ? '/' : p + '/'))) return true;
    if ([...this.bound.keys()].some((b) => b.startsWith(p === '/' ? '/' : p + '/'))) return true;
    return this.image.dirs.has(p) && !this.hidden(p);
  }

  mkdir(path: string): void {
    const p = normalizePath(path);
    const mount = this.mountOf(p);
    if (mount) return mount.fs.mkdir(this.inside(mount, p));
    this.unhide(p);
    (this.upper ??= new MemoryFilesystem()).mkdir(p);
  }

  mountedAt(path: string): ContainerFilesystem | undefined {
    const p = normalizePath(path);
    return this.mounts.find((m) => m.path === p)?.source;
  }

  private mountOf(p: string): Mount | undefined {
    for (const m of this.mounts) if (p === m.path || p.startsWith(m.path + '/')) return m;
    return undefined;
  }

  private inside(mount: Mount, p: string): string {
    return p === mount.path ? '/' : p.slice(mount.path.length);
  }

  /** Whether the image's path was removed (removing a directory hides everything in it). */
  private hidden(p: string): boolean {
    return this.whiteouts?.has(p) ?? false;
  }

  private unhide(p: string): void {
    if (!this.whiteouts) return;
    for (let q = p; q !== '/'; q = parentOf(q)) this.whiteouts.delete(q);
  }
}
