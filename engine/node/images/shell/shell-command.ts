// The `sh` command: runs `-c` strings, script files, or commands read from stdin — interactively, with a prompt, when
// a terminal is attached. Ctrl-C interrupts the foreground command (or discards the line being typed), Ctrl-D on an
// empty line ends the shell, SIGTERM ends it unless trapped, and the EXIT trap runs on the way out.

import type { Command, CommandContext } from '../process/command.ts';
import { signalStatus } from '../process/command.ts';
import { resolvePath } from '../process/paths.ts';
import { missingErrno } from '../process/files.ts';
import { StopController } from '../process/stop-signal.ts';
import type { List } from './ast.ts';
import { shellBuiltins } from './builtins.ts';
import { ExitRequest, Interrupted, LoopControl, ReturnRequest } from './control-flow.ts';
import type { ShellDialect } from './dialect.ts';
import { Shell } from './interpreter.ts';
import { parse } from './parser.ts';
import { expandPrompt } from './prompt.ts';
import { ShellSyntaxError } from './syntax-error.ts';

interface Invocation {
  command?: string;
  script?: string;
  interactive: boolean;
  options: string;
  args: string[];
}

function parseInvocation(argv: string[]): Invocation {
  const invocation: Invocation = { interactive: false, options: '', args: [] };
  let takesCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--' || arg === '-') {
      i++;
      break;
    }
    if (!/^[-+]/.test(arg)) break;
    for (const letter of arg.slice(1)) {
      if (letter === 'c') takesCommand = true;
      else if (letter === 'i') invocation.interactive = true;
      else if ('exu'.includes(letter)) invocation.options += letter;
    }
  }
  const operands = argv.slice(i);
  if (takesCommand) invocation.command = operands.shift() ?? '';
  else if (operands[0] !== undefined && !argv.slice(1, i).some((arg) => arg.includes('s')))
    invocation.script = operands.shift();
  invocation.args = operands;
  return invocation;
}

export function shellCommand(dialect: ShellDialect): Command {
  const builtins = shellBuiltins(dialect);
  return async (context) => {
    const invocation = parseInvocation(context.argv);
    const shell = new Shell(context, dialect, builtins, { foreground: new StopController(), pending: [] });
    for (const letter of invocation.options) {
      if (letter === 'e') shell.options.errexit = true;
      if (letter === 'x') shell.options.xtrace = true;
      if (letter === 'u') shell.options.nounset = true;
    }
    const onSignal = (): void => shell.deliver(String(context.signal.reason));
    context.signal.addEventListener('abort', onSignal, { once: true });
    try {
      const status = await run(shell, context, invocation);
      return await exitTrap(shell, status);
    } finally {
      context.signal.removeEventListener('abort', onSignal);
    }
  };
}

async function run(shell: Shell, context: CommandContext, invocation: Invocation): Promise<number> {
  if (invocation.command !== undefined) {
    shell.commandString = true;
    const name = invocation.args.shift();
    if (name !== undefined) shell.arg0 = shell.commandName = name;
    shell.positionalArgs = invocation.args;
    return runProgram(shell, invocation.command);
  }
  if (invocation.script !== undefined) {
    const path = resolvePath(shell.cwd, invocation.script);
    const content = context.system.fs.read(path);
    if (content === undefined) {
      const errno = context.system.fs.isDirectory(path) ? 'EISDIR' : missingErrno(context.system.fs, path);
      await context.stderr.write(shell.dialect.cannotOpenScript(invocation.script, errno, shell.arg0) + '\n');
      return shell.dialect.name === 'bash' ? 127 : 2;
    }
    shell.arg0 = shell.commandName = invocation.script;
    shell.positionalArgs = invocation.args;
    return runProgram(shell, content.replace(/^#![^\n]*\n/, '\n'));
  }
  shell.positionalArgs = invocation.args;
  if (invocation.interactive || (context.tty && context.terminal)) return interactive(shell, context);
  return readCommands(shell, context);
}

/** Runs a whole program text (-c, a script file). */
async function runProgram(shell: Shell, text: string): Promise<number> {
  let list: List;
  try {
    list = parse(text);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    await shell.context.stderr.write(shell.dialect.syntaxError(error.problem, shell.site(error.line), text) + '\n');
    return 2;
  }
  return runTopLevel(shell, list);
}

/** Runs a parsed list at the top level, where exit and interrupts end the shell. */
async function runTopLevel(shell: Shell, list: List): Promise<number> {
  try {
    return await shell.runList(list, shell.baseIo());
  } catch (error) {
    if (error instanceof ExitRequest || error instanceof Interrupted) return error.status;
    if (error instanceof ReturnRequest) return error.status;
    if (error instanceof LoopControl) return shell.status;
    throw error;
  }
}

/** Commands from a non-terminal stdin (`kubectl exec -i … -- sh < script`), run as each one is complete. */
async function readCommands(shell: Shell, context: CommandContext): Promise<number> {
  let text = '';
  for (let line = await context.stdin.readLine(); line !== null; line = await context.stdin.readLine()) {
    text += line + '\n';
    let list: List;
    try {
      list = parse(text);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      if (error.incomplete) continue;
      await context.stderr.write(shell.dialect.syntaxError(error.problem, shell.site(error.line), text) + '\n');
      return 2;
    }
    text = '';
    try {
      shell.status = await shell.runList(list, shell.baseIo());
    } catch (error) {
      if (error instanceof ExitRequest || error instanceof Interrupted) return error.status;
      throw error;
    }
  }
  if (text.trim() !== '') return runProgram(shell, text);
  return shell.status;
}

/** The interactive loop (prompts on stderr, as shells write them): prompt, read a command (more lines while it is incomplete), run it. */
async function interactive(shell: Shell, context: CommandContext): Promise<number> {
  shell.interactive = shell.readsTerminal = true;
  const terminal = context.terminal;
  const previousHandler = terminal?.onInterrupt;
  const state = { typing: true, text: '' };
  const prompt = (name: 'PS1' | 'PS2'): string =>
    expandPrompt(shell.parameter(name) ?? '', {
      cwd: shell.cwd,
      home: shell.parameter('HOME') ?? '/root',
      hostname: context.system.hostname,
      user: 'root',
    });
  if (terminal) {
    terminal.onInterrupt = () => {
      if (!state.typing) return shell.deliver('SIGINT');
      state.text = '';
      void context.stderr.write('\n' + prompt('PS1'));
    };
  }
  try {
    await context.stderr.write(prompt('PS1'));
    for (;;) {
      const line = await context.stdin.readLine();
      if (line === null) {
        if (context.signal.aborted) return signalStatus(context.signal);
        if (shell.dialect.name === 'bash') await context.stderr.write('exit\n');
        return shell.status;
      }
      state.text += line + '\n';
      let list: List | undefined;
      try {
        list = parse(state.text);
      } catch (error) {
        if (!(error instanceof ShellSyntaxError)) throw error;
        if (error.incomplete) {
          await context.stderr.write(prompt('PS2'));
          continue;
        }
        await context.stderr.write(shell.dialect.syntaxError(error.problem, shell.site(error.line), state.text) + '\n');
        shell.status = 2;
      }
      state.text = '';
      if (list) {
        state.typing = false;
        shell.control.foreground = new StopController();
        try {
          shell.status = await shell.runList(list, shell.baseIo());
        } catch (error) {
          if (error instanceof ExitRequest) return error.status;
          if (!(error instanceof Interrupted)) throw error;
          shell.status = error.status;
          if (context.signal.aborted) return error.status;
          await context.stdout.write('\n');
        } finally {
          state.typing = true;
        }
      }
      await context.stderr.write(prompt('PS1'));
    }
  } finally {
    if (terminal) terminal.onInterrupt = previousHandler;
  }
}

/** Runs the EXIT trap, if one is set; its `exit` replaces the status. */
async function exitTrap(shell: Shell, status: number): Promise<number> {
  const action = shell.traps.get('EXIT');
  if (!action) return status;
  shell.traps.delete('EXIT');
  shell.status = status;
  try {
    await shell.runText(action, shell.baseIo());
  } catch (error) {
    if (error instanceof ExitRequest) return error.status;
    throw error;
  }
  return status;
}
