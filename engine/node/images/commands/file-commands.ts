// Commands that change the filesystem: mkdir [-p], rmdir, rm [-rf], touch, cp [-r], mv — with busybox's and
// coreutils' messages.

import type { Command, CommandContext } from '../process/command.ts';
import type { Errno } from '../process/errno.ts';
import { strerror } from '../process/errno.ts';
import { cannotWrite, missingErrno } from '../process/files.ts';
import { basename, dirname } from '../process/paths.ts';
import { options, pathOf } from './command-kit.ts';

async function fail(context: CommandContext, verb: string, operand: string, errno: Errno): Promise<void> {
  const name = context.argv[0]?.split('/').pop() ?? '';
  const text =
    context.system.userland === 'gnu'
      ? `${name}: ${verb} '${operand}': ${strerror(errno)}`
      : `${name}: ${verb === 'cannot remove' ? "can't remove" : verb === 'cannot create directory' ? "can't create directory" : verb} '${operand}': ${strerror(errno)}`;
  await context.stderr.write(text + '\n');
}

export const mkdirCommand: Command = async (context) => {
  const parsed = await options(context, 'pv', 'm');
  if (!parsed) return 1;
  const fs = context.system.fs;
  let status = 0;
  for (const operand of parsed.operands) {
    const path = pathOf(context, operand);
    if (fs.isDirectory(path) || fs.read(path) !== undefined) {
      if (parsed.flags.has('p') && fs.isDirectory(path)) continue;
      await fail(context, 'cannot create directory', operand, 'EEXIST');
      status = 1;
      continue;
    }
    const parent = dirname(path);
    if (!parsed.flags.has('p') && !fs.isDirectory(parent)) {
      await fail(context, 'cannot create directory', operand, fs.read(parent) !== undefined ? 'ENOTDIR' : 'ENOENT');
      status = 1;
      continue;
    }
    fs.mkdir(path);
  }
  return status;
};

export const rmdirCommand: Command = async (context) => {
  const parsed = await options(context, 'p');
  if (!parsed) return 1;
  const fs = context.system.fs;
  let status = 0;
  for (const operand of parsed.operands) {
    const path = pathOf(context, operand);
    const errno: Errno | undefined = !fs.isDirectory(path)
      ? fs.read(path) !== undefined
        ? 'ENOTDIR'
        : 'ENOENT'
      : (fs.list(path) ?? []).length > 0
        ? 'ENOTEMPTY'
        : undefined;
    if (errno) {
      await context.stderr.write(`rmdir: '${operand}': ${strerror(errno)}\n`);
      status = 1;
    } else fs.remove(path);
  }
  return status;
};

export const rmCommand: Command = async (context) => {
  const parsed = await options(context, 'rRfiv');
  if (!parsed) return 1;
  const fs = context.system.fs;
  const recursive = parsed.flags.has('r') || parsed.flags.has('R');
  let status = 0;
  for (const operand of parsed.operands) {
    const path = pathOf(context, operand);
    if (fs.isDirectory(path) && !recursive) {
      await fail(context, 'cannot remove', operand, 'EISDIR');
      status = 1;
    } else if (!fs.remove(path) && !parsed.flags.has('f')) {
      await fail(context, 'cannot remove', operand, missingErrno(fs, path));
      status = 1;
    }
  }
  return status;
};

export const touchCommand: Command = async (context) => {
  const parsed = await options(context, 'acm', 'dtr');
  if (!parsed) return 1;
  const fs = context.system.fs;
  let status = 0;
  for (const operand of parsed.operands) {
    const path = pathOf(context, operand);
    if (fs.isDirectory(path) || fs.read(path) !== undefined) continue;
    const errno = cannotWrite(fs, path);
    if (errno) {
      await context.stderr.write(`touch: ${operand}: ${strerror(errno)}\n`);
      status = 1;
    } else if (!parsed.flags.has('c')) fs.write(path, '');
  }
  return status;
};

/** Copies a file or (recursively) a directory; returns an error number on failure. */
function copy(context: CommandContext, from: string, to: string, recursive: boolean): Errno | undefined {
  const fs = context.system.fs;
  if (fs.isDirectory(from)) {
    if (!recursive) return 'EISDIR';
    if (!fs.isDirectory(to)) {
      const errno = cannotWrite(fs, to);
      if (errno) return errno;
      fs.mkdir(to);
    }
    for (const name of fs.list(from) ?? []) {
      const errno = copy(context, `${from}/${name}`, `${to}/${name}`, true);
      if (errno) return errno;
    }
    return undefined;
  }
  const content = fs.read(from);
  if (content === undefined) return missingErrno(fs, from);
  const errno = cannotWrite(fs, to);
  if (errno) return errno;
  fs.write(to, content);
  return undefined;
}

function transfer(move: boolean): Command {
  return async (context) => {
    const parsed = await options(context, move ? 'fiTnv' : 'rRafpiTnvdL');
    if (!parsed) return 1;
    const fs = context.system.fs;
    const name = move ? 'mv' : 'cp';
    const operands = parsed.operands;
    const target = operands.pop();
    if (target === undefined || operands.length === 0) {
      await context.stderr.write(`${name}: missing destination file operand\n`);
      return 1;
    }
    const targetPath = pathOf(context, target);
    const intoDirectory = fs.isDirectory(targetPath);
    if (operands.length > 1 && !intoDirectory) {
      await context.stderr.write(`${name}: '${target}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const operand of operands) {
      const from = pathOf(context, operand);
      const to = intoDirectory ? `${targetPath === '/' ? '' : targetPath}/${basename(from)}` : targetPath;
      const recursive = move || parsed.flags.has('r') || parsed.flags.has('R') || parsed.flags.has('a');
      const errno = copy(context, from, to, recursive);
      if (errno) {
        const what =
          errno === 'EISDIR' && !recursive
            ? `${name}: omitting directory '${operand}'`
            : `${name}: can't stat '${operand}': ${strerror(errno)}`;
        await context.stderr.write(what + '\n');
        status = 1;
      } else if (move) fs.remove(from);
    }
    return status;
  };
}

export const cpCommand = transfer(false);
export const mvCommand = transfer(true);
