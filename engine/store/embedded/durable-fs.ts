// The file operations the WAL and snapshots use, behind one small interface so tests can count fsyncs or inject
// failures. The Node implementation uses the callback API (less overhead than FileHandle) and writes whole buffers.

import * as fs from 'node:fs';

export interface DurableFs {
  /** Creates the directory and its parents if missing. */
  mkdir(dir: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  readFile(path: string): Promise<Uint8Array>;
  /** Opens a file for appending, creating it if missing. */
  openAppend(path: string): Promise<number>;
  /** Creates a file for writing, emptying it if it exists. */
  openNew(path: string): Promise<number>;
  /** Writes all of `data` at the end of the file (append) or the current position. */
  write(fd: number, data: Uint8Array): Promise<void>;
  /** fdatasync: the file's data (and size) are on stable storage when this resolves. */
  datasync(fd: number): Promise<void>;
  /** fsync: the file's data and metadata are on stable storage when this resolves. */
  fsync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  /** Cuts a file to `length` bytes and syncs it. */
  truncate(path: string, length: number): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  /** Makes the directory's entries (created, renamed, removed files) durable, where the platform allows it. */
  syncDir(dir: string): Promise<void>;
}

/** Errors from fsync on a directory where the platform does not support it (Windows). */
const UNSUPPORTED_DIR_SYNC = new Set(['EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES']);

function call<T>(fn: (done: (error: NodeJS.ErrnoException | null, result: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((error, result) => (error ? reject(error) : resolve(result))));
}

function callVoid(fn: (done: (error: NodeJS.ErrnoException | null) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => fn((error) => (error ? reject(error) : resolve())));
}

async function writeAll(fd: number, data: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    offset += await call<number>((done) => fs.write(fd, data, offset, data.length - offset, null, done));
  }
}

export const nodeFs: DurableFs = {
  mkdir: (dir) => callVoid((done) => fs.mkdir(dir, { recursive: true }, (error) => done(error))),
  readdir: (dir) => call((done) => fs.readdir(dir, done)),
  readFile: (path) => call((done) => fs.readFile(path, done)),
  openAppend: (path) => call((done) => fs.open(path, 'a', done)),
  openNew: (path) => call((done) => fs.open(path, 'w', done)),
  write: writeAll,
  datasync: (fd) => callVoid((done) => fs.fdatasync(fd, done)),
  fsync: (fd) => callVoid((done) => fs.fsync(fd, done)),
  close: (fd) => callVoid((done) => fs.close(fd, done)),
  truncate: async (path, length) => {
    const fd = await call<number>((done) => fs.open(path, 'r+', done));
    try {
      await callVoid((done) => fs.ftruncate(fd, length, done));
      await callVoid((done) => fs.fsync(fd, done));
    } finally {
      await callVoid((done) => fs.close(fd, done));
    }
  },
  rename: (from, to) => callVoid((done) => fs.rename(from, to, done)),
  unlink: (path) => callVoid((done) => fs.unlink(path, done)),
  syncDir: async (dir) => {
    let fd: number;
    try {
      fd = await call<number>((done) => fs.open(dir, 'r', done));
    } catch (error) {
      if (UNSUPPORTED_DIR_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) return;
      throw error;
    }
    try {
      await callVoid((done) => fs.fsync(fd, done));
    } catch (error) {
      if (!UNSUPPORTED_DIR_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    } finally {
      await callVoid((done) => fs.close(fd, done));
    }
  },
};
