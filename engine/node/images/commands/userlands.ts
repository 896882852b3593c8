// The command sets of the two userlands the images ship: busybox (busybox, alpine) with ash as sh, and Debian's
// (nginx, httpd, redis, postgres) with dash as sh, bash, coreutils, grep, sed and mawk — but no procps, ping or wget.

import type { Command } from '../process/command.ts';
import { ash, bash, dash } from '../shell/dialect.ts';
import { shellCommand } from '../shell/shell-command.ts';
import { awkCommand } from './awk.ts';
import { catCommand } from './cat.ts';
import { chrootCommand } from './chroot.ts';
import { cutCommand } from './cut.ts';
import { dateCommand } from './date.ts';
import { echoCommand } from './echo.ts';
import { envCommand, printenvCommand } from './env.ts';
import { exprCommand } from './expr.ts';
import { cpCommand, mkdirCommand, mvCommand, rmCommand, rmdirCommand, touchCommand } from './file-commands.ts';
import { grepCommand } from './grep.ts';
import { headCommand, tailCommand } from './head-tail.ts';
import { hostnameCommand, idCommand, unameCommand, whoamiCommand } from './identity.ts';
import { ipCommand } from './ip.ts';
import { killCommand } from './kill.ts';
import { lsCommand } from './ls.ts';
import { ncCommand } from './nc.ts';
import { nodeToolPaths, nodeTools } from './node/node-tools.ts';
import { nslookupCommand } from './nslookup.ts';
import { pingCommand } from './ping.ts';
import { printfCommand } from './printf.ts';
import { psCommand } from './ps.ts';
import { sedCommand } from './sed.ts';
import { seqCommand } from './seq.ts';
import { sleepCommand } from './sleep.ts';
import {
  basenameCommand,
  clearCommand,
  dirnameCommand,
  falseCommand,
  trueCommand,
  whichCommand,
} from './small-commands.ts';
import { sortCommand } from './sort.ts';
import { dfCommand, freeCommand, nprocCommand, uptimeCommand } from './system-info.ts';
import { teeCommand } from './tee.ts';
import { testCommand } from './test.ts';
import { trCommand } from './tr.ts';
import { uniqCommand } from './uniq.ts';
import { wcCommand } from './wc.ts';
import { wgetCommand } from './wget.ts';
import { curlCommand } from './curl.ts';
import { yesCommand } from './yes.ts';

/** Commands both userlands have, by name. */
const common: Record<string, Command> = {
  awk: awkCommand,
  basename: basenameCommand,
  cat: catCommand,
  clear: clearCommand,
  cp: cpCommand,
  cut: cutCommand,
  date: dateCommand,
  df: dfCommand,
  dirname: dirnameCommand,
  echo: echoCommand,
  env: envCommand,
  expr: exprCommand,
  false: falseCommand,
  grep: grepCommand,
  egrep: grepCommand,
  head: headCommand,
  hostname: hostnameCommand,
  id: idCommand,
  kill: killCommand,
  ls: lsCommand,
  mkdir: mkdirCommand,
  mv: mvCommand,
  nproc: nprocCommand,
  printenv: printenvCommand,
  printf: printfCommand,
  rm: rmCommand,
  rmdir: rmdirCommand,
  sed: sedCommand,
  seq: seqCommand,
  sleep: sleepCommand,
  sort: sortCommand,
  tail: tailCommand,
  tee: teeCommand,
  test: testCommand,
  '[': testCommand,
  touch: touchCommand,
  tr: trCommand,
  true: trueCommand,
  uname: unameCommand,
  uniq: uniqCommand,
  wc: wcCommand,
  which: whichCommand,
  whoami: whoamiCommand,
  yes: yesCommand,
};

/** busybox's applets, and the directory each lives in. */
export const busyboxCommands: Record<string, Command> = {
  ...common,
  ...nodeTools,
  chroot: chrootCommand,
  sh: shellCommand(ash),
  ash: shellCommand(ash),
  free: freeCommand,
  ip: ipCommand,
  nc: ncCommand,
  nslookup: nslookupCommand,
  ping: pingCommand,
  ps: psCommand,
  uptime: uptimeCommand,
  wget: wgetCommand,
};

/** Debian bookworm's base commands (dash, bash, coreutils…). */
export const debianCommands: Record<string, Command> = {
  ...common,
  sh: shellCommand(dash),
  dash: shellCommand(dash),
  bash: shellCommand(bash),
};

/** Debian with curl installed (the nginx image). */
export const debianWithCurlCommands: Record<string, Command> = { ...debianCommands, curl: curlCommand };

/** Where a command's file lives in an image, for PATH lookups (which, type) and ls. */
export function binaryPath(name: string, userland: 'busybox' | 'gnu'): string {
  const sbin = ['ip', 'ifconfig', 'route'];
  if (sbin.includes(name)) return `/sbin/${name}`;
  const tool = nodeToolPaths[name];
  if (tool !== undefined) return tool;
  if (name === 'chroot') return '/usr/sbin/chroot';
  if (userland === 'busybox')
    return [
      'awk',
      'basename',
      'clear',
      'cut',
      'dirname',
      'env',
      'expr',
      'free',
      'id',
      'nc',
      'nproc',
      'nslookup',
      'printf',
      'seq',
      'sort',
      'tail',
      'head',
      'tee',
      'test',
      '[',
      'tr',
      'uniq',
      'uptime',
      'wc',
      'wget',
      'which',
      'whoami',
      'yes',
    ].includes(name)
      ? `/usr/bin/${name}`
      : `/bin/${name}`;
  return [
    'bash',
    'cat',
    'cp',
    'dash',
    'date',
    'df',
    'echo',
    'egrep',
    'false',
    'grep',
    'hostname',
    'ls',
    'mkdir',
    'mv',
    'rm',
    'rmdir',
    'sed',
    'sh',
    'sleep',
    'touch',
    'true',
    'uname',
    'kill',
  ].includes(name)
    ? `/bin/${name}`
    : `/usr/bin/${name}`;
}
