// The shell's builtins: those that change the shell itself (cd, export, set, exit, read, trap, …) and the commands
// ash and dash also run in-process (echo, printf, test, kill, true, false, pwd).

import type { Command, CommandContext } from '../process/command.ts';
import { missingErrno } from '../process/files.ts';
import { resolvePath } from '../process/paths.ts';
import { dashEcho, echoCommand } from '../commands/echo.ts';
import { killCommand } from '../commands/kill.ts';
import { printfCommand } from '../commands/printf.ts';
import { testCommand } from '../commands/test.ts';
import { ExitRequest, LoopControl, ReturnRequest } from './control-flow.ts';
import type { ShellDialect } from './dialect.ts';
import type { Builtin, Shell } from './interpreter.ts';
import type { ShellIo } from './shell-io.ts';

/** Runs a command of the image inside the shell's process. */
function inProcess(command: Command): Builtin {
  return (shell, argv, io) => {
    const context: CommandContext = {
      argv,
      env: shell.environment(),
      cwd: shell.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: io.tty,
      signal: shell.control.foreground.signal,
      system: shell.context.system,
      process: shell.context.process,
    };
    return command(context);
  };
}

async function error(shell: Shell, io: ShellIo, message: string): Promise<void> {
  await io.stderr.write(shell.dialect.prefix(shell.site()) + message + '\n');
}

function singleQuote(value: string): string {
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}

const cd: Builtin = async (shell, argv, io) => {
  let target = argv[1] ?? shell.parameter('HOME') ?? '/';
  if (target === '-') {
    target = shell.parameter('OLDPWD') ?? shell.cwd;
    await io.stdout.write(target + '\n');
  }
  const path = resolvePath(shell.cwd, target);
  if (!shell.fs.isDirectory(path)) {
    const errno = shell.fs.read(path) !== undefined ? 'ENOTDIR' : missingErrno(shell.fs, path);
    await io.stderr.write(shell.dialect.cannotCd(target, errno, shell.site()) + '\n');
    return shell.dialect.name === 'bash' ? 1 : 2;
  }
  shell.setVariable('OLDPWD', shell.cwd);
  shell.cwd = path;
  shell.setVariable('PWD', path);
  return 0;
};

const exportOrReadonly =
  (attribute: 'exported' | 'readonly'): Builtin =>
  async (shell, argv, io) => {
    const names = argv.slice(1).filter((arg) => arg !== '-p');
    if (names.length === 0) {
      const keyword = attribute === 'exported' ? 'export' : 'readonly';
      const listed = [...shell.variables]
        .filter(([, variable]) => variable[attribute])
        .sort(([a], [b]) => (a < b ? -1 : 1));
      await io.stdout.write(listed.map(([name, { value }]) => `${keyword} ${name}=${singleQuote(value)}\n`).join(''));
      return 0;
    }
    for (const arg of names) {
      const [name = '', ...rest] = arg.split('=');
      if (!/^[A-Za-z_]\w*$/.test(name)) {
        await error(shell, io, `${attribute === 'exported' ? 'export' : 'readonly'}: ${name}: bad variable name`);
        return 1;
      }
      if (rest.length > 0) shell.setVariable(name, rest.join('='));
      const variable = shell.variables.get(name) ?? { value: '', exported: false };
      variable[attribute] = true;
      shell.variables.set(name, variable);
    }
    return 0;
  };

const set: Builtin = async (shell, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const listed = [...shell.variables].sort(([a], [b]) => (a < b ? -1 : 1));
    await io.stdout.write(listed.map(([name, { value }]) => `${name}=${singleQuote(value)}\n`).join(''));
    return 0;
  }
  const letters: Record<string, keyof Shell['options']> = { e: 'errexit', x: 'xtrace', u: 'nounset' };
  while (args[0] !== undefined && /^[-+]/.test(args[0]) && args[0] !== '--') {
    const arg = args.shift()!;
    if (arg === '-o' || arg === '+o') {
      const option = args.shift() as keyof Shell['options'] | undefined;
      if (option && option in shell.options) shell.options[option] = arg === '-o';
      continue;
    }
    for (const letter of arg.slice(1)) {
      const option = letters[letter];
      if (option) shell.options[option] = arg.startsWith('-');
    }
  }
  if (args[0] === '--') args.shift();
  if (args.length > 0 || argv.includes('--')) shell.positionalArgs = args;
  return 0;
};

const unset: Builtin = async (shell, argv) => {
  const functions = argv[1] === '-f';
  for (const name of argv.slice(1).filter((arg) => arg !== '-f' && arg !== '-v')) {
    if (functions) shell.functions.delete(name);
    else if (!shell.variables.get(name)?.readonly) shell.variables.delete(name);
  }
  return 0;
};

const shift: Builtin = async (shell, argv, io) => {
  const count = Number(argv[1] ?? 1);
  if (!(count >= 0) || count > shell.positionalArgs.length) {
    await error(shell, io, `shift: can't shift that many`);
    return 1;
  }
  shell.positionalArgs = shell.positionalArgs.slice(count);
  return 0;
};

async function statusArgument(shell: Shell, io: ShellIo, name: string, arg: string | undefined): Promise<number> {
  if (arg === undefined) return shell.status;
  if (!/^-?\d+$/.test(arg)) {
    await error(shell, io, `${name}: Illegal number: ${arg}`);
    return 2;
  }
  return Number(arg) & 0xff;
}

const exit: Builtin = async (shell, argv, io) => {
  if (shell.interactive && shell.dialect.name === 'bash') await io.stderr.write('exit\n');
  throw new ExitRequest(await statusArgument(shell, io, 'exit', argv[1]));
};

const returnBuiltin: Builtin = async (shell, argv, io) => {
  throw new ReturnRequest(await statusArgument(shell, io, 'return', argv[1]));
};

const loopControl =
  (kind: 'break' | 'continue'): Builtin =>
  async (_shell, argv) => {
    throw new LoopControl(kind, Math.max(1, Number(argv[1] ?? 1) || 1));
  };

const read: Builtin = async (shell, argv, io) => {
  const args = argv.slice(1);
  let raw = false;
  while (args[0]?.startsWith('-')) {
    const flag = args.shift()!;
    if (flag === '-r') raw = true;
    else if (flag === '-p') await io.stderr.write(args.shift() ?? '');
    else if (flag === '-t') args.shift();
  }
  const names = args.length > 0 ? args : ['REPLY'];
  let line = await io.stdin.readLine();
  if (line === null) {
    for (const name of names) shell.setVariable(name, '');
    return 1;
  }
  while (!raw && line.endsWith('\\')) {
    const next = await io.stdin.readLine();
    line = line.slice(0, -1) + (next ?? '');
    if (next === null) break;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  const ifs = shell.parameter('IFS') ?? ' \t\n';
  const isSeparator = (char: string): boolean => ifs.includes(char);
  let rest = [...line];
  const trim = (): void => {
    while (rest.length > 0 && isSeparator(rest[0]!) && /\s/.test(rest[0]!)) rest.shift();
  };
  trim();
  for (const [index, name] of names.entries()) {
    if (index === names.length - 1) {
      let value = rest.join('');
      while (value !== '' && ifs.includes(value[value.length - 1]!) && /\s/.test(value[value.length - 1]!))
        value = value.slice(0, -1);
      shell.setVariable(name, value);
      break;
    }
    const end = rest.findIndex(isSeparator);
    shell.setVariable(name, (end < 0 ? rest : rest.slice(0, end)).join(''));
    rest = end < 0 ? [] : rest.slice(end + 1);
    trim();
  }
  return 0;
};

const evalBuiltin: Builtin = (shell, argv, io) => shell.runText(argv.slice(1).join(' '), io);

const source: Builtin = async (shell, argv, io) => {
  const file = argv[1];
  const content = file === undefined ? undefined : shell.fs.read(resolvePath(shell.cwd, file));
  if (content === undefined) {
    await error(shell, io, `${argv[0]}: can't open '${file ?? ''}'`);
    if (!shell.interactive) throw new ExitRequest(2);
    return 2;
  }
  return shell.runText(content, io);
};

const exec: Builtin = async (shell, argv, io) => {
  if (argv.length < 2) return 0;
  throw new ExitRequest(await shell.invoke(argv.slice(1), [], io, true));
};

const wait: Builtin = (shell) => shell.waitForJobs();

const trap: Builtin = async (shell, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const listed = [...shell.traps].map(([signal, action]) => `trap -- ${singleQuote(action)} ${signal}\n`);
    await io.stdout.write(listed.join(''));
    return 0;
  }
  const action = args.length === 1 ? '-' : args.shift()!;
  for (const signal of args) {
    const name = signal
      .toUpperCase()
      .replace(/^SIG/, '')
      .replace(/^0$/, 'EXIT')
      .replace(/^15$/, 'TERM')
      .replace(/^2$/, 'INT');
    if (action === '-') shell.traps.delete(name);
    else shell.traps.set(name, action);
  }
  return 0;
};

const local: Builtin = async (shell, argv) => {
  const frame = shell.frames[shell.frames.length - 1];
  for (const arg of argv.slice(1)) {
    const [name = '', ...rest] = arg.split('=');
    if (frame && !frame.has(name)) frame.set(name, shell.variables.get(name));
    shell.variables.set(name, { value: rest.join('='), exported: false });
  }
  return 0;
};

const type: Builtin = async (shell, argv, io) => {
  const verbose = argv[0] === 'type';
  const names = argv.slice(verbose ? 1 : 2);
  if (!verbose && argv[1] !== '-v' && argv[1] !== '-V') {
    return argv.length > 1 ? shell.invoke(argv.slice(1), [], io, true) : 0;
  }
  let status = 0;
  for (const name of names) {
    const path = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin']
      .map((dir) => `${dir}/${name}`)
      .find((p) => shell.fs.read(p) !== undefined);
    let description: string | undefined;
    if (shell.functions.has(name)) description = verbose ? `${name} is a function` : name;
    else if (shell.builtins.has(name)) description = verbose ? `${name} is a shell builtin` : name;
    else if (path) description = verbose ? `${name} is ${path}` : path;
    if (description) await io.stdout.write(description + '\n');
    else {
      if (verbose) await io.stdout.write(`${name}: not found\n`);
      status = 127;
    }
  }
  return status;
};

const colon: Builtin = async () => 0;
const falseBuiltin: Builtin = async () => 1;
const pwd: Builtin = async (shell, _argv, io) => {
  await io.stdout.write(shell.cwd + '\n');
  return 0;
};
const umask: Builtin = async (_shell, argv, io) => {
  if (argv.length === 1) await io.stdout.write('0022\n');
  return 0;
};

/** The builtins of a shell dialect. */
export function shellBuiltins(dialect: ShellDialect): ReadonlyMap<string, Builtin> {
  return new Map<string, Builtin>([
    [':', colon],
    ['true', colon],
    ['false', falseBuiltin],
    ['cd', cd],
    ['pwd', pwd],
    ['export', exportOrReadonly('exported')],
    ['readonly', exportOrReadonly('readonly')],
    ['set', set],
    ['unset', unset],
    ['shift', shift],
    ['exit', exit],
    ['return', returnBuiltin],
    ['break', loopControl('break')],
    ['continue', loopControl('continue')],
    ['read', read],
    ['eval', evalBuiltin],
    ['.', source],
    ['source', source],
    ['exec', exec],
    ['wait', wait],
    ['trap', trap],
    ['local', local],
    ['type', type],
    ['command', type],
    ['umask', umask],
    ['echo', inProcess(dialect.echoEscapes ? dashEcho : echoCommand)],
    ['printf', inProcess(printfCommand)],
    ['test', inProcess(testCommand)],
    ['[', inProcess(testCommand)],
    ['kill', inProcess(killCommand)],
  ]);
}
