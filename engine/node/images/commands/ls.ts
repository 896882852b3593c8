// ls [-1aAldhr] [FILE…]: lists directories — in columns on a terminal, one name per line otherwise, or in the long
// format (busybox's fixed columns or coreutils' fitted ones).

import type { Command, CommandContext } from '../process/command.ts';
import { strerror } from '../process/errno.ts';
import { missingErrno } from '../process/files.ts';
import { options, pathOf } from './command-kit.ts';
import { fileInfo } from './file-info.ts';
import type { FileInfo } from './file-info.ts';
import { formatDate } from './strftime.ts';

interface Entry {
  name: string;
  info: FileInfo;
}

function humanSize(size: number): string {
  if (size < 1024) return String(size);
  const units = ['K', 'M', 'G'];
  let value = size;
  let unit = '';
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return (value < 10 ? value.toFixed(1) : Math.round(value).toString()) + unit;
}

function longLines(context: CommandContext, entries: Entry[], human: boolean): string[] {
  const date = formatDate(context.system.clock.now(), '%b %e %H:%M');
  const sizes = entries.map(({ info }) => (human ? humanSize(info.size) : String(info.size)));
  if (context.system.userland === 'busybox') {
    return entries.map(
      ({ name, info }, i) =>
        `${info.mode} ${String(info.links).padStart(4)} root     root     ${sizes[i]!.padStart(9)} ${date} ${name}`,
    );
  }
  const linkWidth = Math.max(...entries.map(({ info }) => String(info.links).length));
  const sizeWidth = Math.max(...sizes.map((size) => size.length));
  return entries.map(
    ({ name, info }, i) =>
      `${info.mode} ${String(info.links).padStart(linkWidth)} root root ${sizes[i]!.padStart(sizeWidth)} ${date} ${name}`,
  );
}

function columns(names: string[], width = 80): string[] {
  if (names.length === 0) return [];
  const columnWidth = Math.max(...names.map((name) => name.length)) + 2;
  const count = Math.max(1, Math.floor((width + 2) / columnWidth));
  const rows = Math.ceil(names.length / count);
  const out: string[] = [];
  for (let row = 0; row < rows; row++) {
    const cells: string[] = [];
    for (let column = 0; column < count; column++) {
      const name = names[column * rows + row];
      if (name !== undefined) cells.push(name);
    }
    out.push(cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(columnWidth))).join(''));
  }
  return out;
}

export const lsCommand: Command = async (context) => {
  const parsed = await options(context, '1aAldhrFCtSs');
  if (!parsed) return 1;
  const flags = parsed.flags;
  const fs = context.system.fs;
  const operands = parsed.operands.length > 0 ? parsed.operands : ['.'];
  const long = flags.has('l');
  const format = (entries: Entry[]): string[] => {
    const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (flags.has('r')) sorted.reverse();
    const shown = sorted.map((entry) => ({
      ...entry,
      name: flags.has('F') && entry.info.directory ? `${entry.name}/` : entry.name,
    }));
    if (long) return longLines(context, shown, flags.has('h'));
    if (context.tty && !flags.has('1')) return columns(shown.map((entry) => entry.name));
    return shown.map((entry) => entry.name);
  };
  let status = 0;
  const files: Entry[] = [];
  const directories: { operand: string; path: string }[] = [];
  for (const operand of operands) {
    const path = pathOf(context, operand);
    const info = fileInfo(fs, path);
    if (!info) {
      const reason = strerror(missingErrno(fs, path));
      await context.stderr.write(
        context.system.userland === 'gnu'
          ? `ls: cannot access '${operand}': ${reason}\n`
          : `ls: ${operand}: ${reason}\n`,
      );
      status = context.system.userland === 'gnu' ? 2 : 1;
    } else if (info.directory && !flags.has('d')) directories.push({ operand, path });
    else files.push({ name: operand, info });
  }
  const blocks: string[] = [];
  if (files.length > 0)
    blocks.push(
      format(files)
        .map((line) => line + '\n')
        .join(''),
    );
  for (const { operand, path } of directories) {
    const names = (fs.list(path) ?? []).filter((name) => flags.has('a') || flags.has('A') || !name.startsWith('.'));
    const entries: Entry[] = names.flatMap((name) => {
      const info = fileInfo(fs, `${path === '/' ? '' : path}/${name}`);
      return info ? [{ name, info }] : [];
    });
    if (flags.has('a')) {
      const self = fileInfo(fs, path)!;
      entries.push({ name: '.', info: self }, { name: '..', info: self });
    }
    const header = operands.length > 1 ? `${operand}:\n` : '';
    const total = long ? `total ${entries.reduce((sum, { info }) => sum + Math.ceil(info.size / 4096) * 4, 0)}\n` : '';
    blocks.push(
      header +
        total +
        format(entries)
          .map((line) => line + '\n')
          .join(''),
    );
  }
  await context.stdout.write(blocks.join('\n'));
  return status;
};
