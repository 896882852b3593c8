// The shell interpreter: walks the syntax tree with the shell's state (variables, functions, positional parameters,
// options, traps, working directory), runs builtins in-process and other commands as processes of the container,
// connects pipelines, and turns Ctrl-C and SIGTERM into interrupts of the foreground job (or trap actions).

import { setImmediate } from 'node:timers';
import type { CommandContext } from '../process/command.ts';
import { signalNumber, signalStatus } from '../process/command.ts';
import { resolvePath } from '../process/paths.ts';
import { StopController } from '../process/stop-signal.ts';
import { BufferOutput, Pipe, emptyInput } from '../process/streams.ts';
import type { AndOr, Command, List, Pipeline } from './ast.ts';
import { ExitRequest, Interrupted, LoopControl, ReturnRequest } from './control-flow.ts';
import type { ErrorSite, ShellDialect } from './dialect.ts';
import { ExpansionError, Expander } from './expand.ts';
import type { ExpansionHost } from './expand.ts';
import { parse } from './parser.ts';
import { matchPattern } from './pattern.ts';
import { applyRedirects } from './redirects.ts';
import type { ShellIo } from './shell-io.ts';
import { ShellSyntaxError } from './syntax-error.ts';

export interface Variable {
  value: string;
  exported: boolean;
  readonly?: boolean;
}

/** A builtin: runs inside the shell with its state. */
export type Builtin = (shell: Shell, argv: string[], io: ShellIo) => Promise<number>;

/** The foreground job's interrupt, shared by a shell and its subshells. */
export interface JobControl {
  foreground: StopController;
  /** Trapped signals waiting for the current command to finish. */
  pending: string[];
  /** Wakes a `wait` builtin when a trapped signal arrives. */
  wake?: () => void;
}

/** Commands between two yields to the event loop (a busy loop must not stall the engine). */
const stepsPerYield = 500;

export class Shell implements ExpansionHost {
  variables: Map<string, Variable>;
  functions: Map<string, Command>;
  positionalArgs: string[];
  arg0: string;
  /** The script, or the name after -c's string (how ash and bash name the program in errors). */
  commandName: string | undefined;
  /** Whether the program is -c's string. */
  commandString = false;
  status = 0;
  cwd: string;
  options = { errexit: false, xtrace: false, nounset: false };
  traps: Map<string, string>;
  interactive = false;
  /** Whether the top-level shell is interactive; its subshells are not, but their messages read the same. */
  readsTerminal = false;
  line = 1;
  jobs: Promise<number>[] = [];
  lastBackgroundPid: number | undefined;
  /** Saved variables of the functions being run (`local`). */
  frames: Map<string, Variable | undefined>[] = [];
  private conditionDepth = 0;
  private substitutionStatus: number | undefined;
  private steps = 0;
  private random: number;
  readonly expander: Expander;

  constructor(
    readonly context: CommandContext,
    readonly dialect: ShellDialect,
    readonly builtins: ReadonlyMap<string, Builtin>,
    readonly control: JobControl,
    parent?: Shell,
  ) {
    this.expander = new Expander(this);
    if (parent) {
      this.variables = new Map([...parent.variables].map(([name, variable]) => [name, { ...variable }]));
      this.functions = new Map(parent.functions);
      this.positionalArgs = [...parent.positionalArgs];
      this.arg0 = parent.arg0;
      this.commandName = parent.commandName;
      this.commandString = parent.commandString;
      this.readsTerminal = parent.readsTerminal;
      this.cwd = parent.cwd;
      this.options = { ...parent.options };
      this.traps = new Map(parent.traps);
      this.status = parent.status;
      this.random = parent.random;
      this.lastBackgroundPid = parent.lastBackgroundPid;
      return;
    }
    this.variables = new Map(Object.entries(context.env).map(([name, value]) => [name, { value, exported: true }]));
    this.functions = new Map();
    this.positionalArgs = [];
    this.arg0 = context.argv[0] ?? 'sh';
    this.commandName = undefined;
    this.cwd = context.cwd;
    this.traps = new Map();
    this.random = context.process.pid * 7919;
    this.setDefault('IFS', ' \t\n');
    this.setDefault('PS1', dialect.prompt);
    this.setDefault('PS2', '> ');
    this.setDefault('HOME', '/root');
    this.setVariable('PWD', this.cwd);
    const pwd = this.variables.get('PWD');
    if (pwd) pwd.exported = true;
  }

  private setDefault(name: string, value: string): void {
    if (!this.variables.has(name)) this.variables.set(name, { value, exported: false });
  }

  get fs(): CommandContext['system']['fs'] {
    return this.context.system.fs;
  }

  get nounset(): boolean {
    return this.options.nounset;
  }

  /** Where an error at `line` (the current command's by default) happens, for the dialect's messages. */
  site(line = this.line): ErrorSite {
    const { arg0, commandName, commandString, readsTerminal } = this;
    return { arg0, commandName, commandString, interactive: readsTerminal, line };
  }

  /** A subshell: a copy of this shell's state, sharing the foreground job. */
  fork(control: JobControl = this.control): Shell {
    return new Shell(this.context, this.dialect, this.builtins, control, this);
  }

  parameter(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.context.process.pid);
      case '#':
        return String(this.positionalArgs.length);
      case '@':
        return this.positionalArgs.join(' ');
      case '*':
        return this.positionalArgs.join((this.variables.get('IFS')?.value ?? ' ').slice(0, 1));
      case '0':
        return this.arg0;
      case '!':
        return this.lastBackgroundPid === undefined ? undefined : String(this.lastBackgroundPid);
      case '-':
        return (this.options.errexit ? 'e' : '') + (this.options.nounset ? 'u' : '') + (this.options.xtrace ? 'x' : '');
      case 'RANDOM':
        this.random = (this.random * 1103515245 + 12345) % 2147483648;
        return String(this.random % 32768);
      case 'PPID':
        return '0';
      case 'LINENO':
        return String(this.line);
    }
    if (/^\d+$/.test(name)) return this.positionalArgs[Number(name) - 1];
    return this.variables.get(name)?.value;
  }

  positional(): string[] {
    return this.positionalArgs;
  }

  setVariable(name: string, value: string): void {
    const variable = this.variables.get(name);
    if (variable?.readonly) throw new ExpansionError(`${name}: is read only`);
    if (variable) variable.value = value;
    else this.variables.set(name, { value, exported: false });
  }

  /** The environment exported to commands. */
  environment(): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [name, variable] of this.variables) if (variable.exported) env[name] = variable.value;
    return env;
  }

  async substitute(body: List): Promise<string> {
    const shell = this.fork();
    const output = new BufferOutput();
    try {
      await shell.runList(body, { ...this.baseIo(), stdout: output, tty: false });
    } catch (error) {
      if (!(error instanceof ExitRequest)) throw error;
      shell.status = error.status;
    }
    this.substitutionStatus = shell.status;
    return output.text().replace(/\n+$/, '');
  }

  baseIo(): ShellIo {
    const { stdin, stdout, stderr, tty } = this.context;
    return { stdin, stdout, stderr, tty };
  }

  /** Parses and runs program text (eval, ., trap actions); syntax errors are reported as the shell does. */
  async runText(text: string, io: ShellIo): Promise<number> {
    let list: List;
    try {
      list = parse(text);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      await io.stderr.write(this.dialect.syntaxError(error.problem, this.site(error.line), text) + '\n');
      this.status = 2;
      if (!this.interactive) throw new ExitRequest(2);
      return 2;
    }
    return this.runList(list, io);
  }

  async runList(list: List, io: ShellIo): Promise<number> {
    for (const item of list) {
      if (item.background) this.startBackground(item.command, io);
      else this.status = await this.runAndOr(item.command, io);
    }
    return this.status;
  }

  private startBackground(command: AndOr, io: ShellIo): void {
    const shell = this.fork({ foreground: new StopController(), pending: [] });
    const stop = (): void => shell.control.foreground.abort('SIGKILL');
    this.context.signal.addEventListener('abort', stop, { once: true });
    this.lastBackgroundPid = this.context.process.pid + this.jobs.length + 1;
    const job = shell
      .runAndOr(command, { ...io, stdin: this.interactive ? io.stdin : emptyInput() })
      .catch((error: unknown) => {
        if (error instanceof ExitRequest || error instanceof Interrupted) return error.status;
        throw error;
      })
      .finally(() => this.context.signal.removeEventListener('abort', stop));
    this.jobs.push(job);
    this.status = 0;
  }

  async runAndOr(node: AndOr, io: ShellIo): Promise<number> {
    const hasRest = node.rest.length > 0;
    let status = await this.runCondition(hasRest, () => this.runPipeline(node.first, io));
    let lastRan = node.first;
    for (const [index, { op, pipeline }] of node.rest.entries()) {
      if ((op === '&&') !== (status === 0)) continue;
      const last = index === node.rest.length - 1;
      status = await this.runCondition(!last, () => this.runPipeline(pipeline, io));
      lastRan = pipeline;
    }
    this.status = status;
    const ranLast = !hasRest || lastRan === node.rest[node.rest.length - 1]?.pipeline;
    if (status !== 0 && this.options.errexit && this.conditionDepth === 0 && ranLast && !lastRan.negate) {
      throw new ExitRequest(status);
    }
    return status;
  }

  private async runCondition(isCondition: boolean, run: () => Promise<number>): Promise<number> {
    if (!isCondition) return run();
    this.conditionDepth++;
    try {
      return await run();
    } finally {
      this.conditionDepth--;
    }
  }

  /** Runs a list as the condition of if/while/until (errexit does not apply). */
  private async condition(list: List, io: ShellIo): Promise<number> {
    return this.runCondition(true, () => this.runList(list, io));
  }

  private async runPipeline(pipeline: Pipeline, io: ShellIo): Promise<number> {
    let status: number;
    if (pipeline.commands.length === 1) status = await this.runCommand(pipeline.commands[0]!, io);
    else {
      const pipes = pipeline.commands.slice(1).map(() => new Pipe());
      const runs = pipeline.commands.map(async (command, i) => {
        const input = pipes[i - 1];
        const output = pipes[i];
        const shell = this.fork();
        try {
          return await shell.runCommand(command, {
            stdin: input ? input.input : io.stdin,
            stdout: output ? output.output : io.stdout,
            stderr: io.stderr,
            tty: output ? false : io.tty,
          });
        } catch (error) {
          if (error instanceof ExitRequest) return error.status;
          throw error;
        } finally {
          output?.closeWrite();
          input?.closeRead();
        }
      });
      const statuses = await Promise.all(runs);
      status = statuses[statuses.length - 1] ?? 0;
    }
    this.checkInterrupt();
    if (pipeline.negate) status = status === 0 ? 1 : 0;
    return status;
  }

  /** Throws Interrupted when the foreground job was interrupted. */
  checkInterrupt(): void {
    const { signal } = this.control.foreground;
    if (signal.aborted) throw new Interrupted(signalStatus(signal));
  }

  /** Runs the actions of trapped signals that arrived. */
  async runPendingTraps(io: ShellIo): Promise<void> {
    while (this.control.pending.length > 0) {
      const signal = this.control.pending.shift()!;
      const action = this.traps.get(signal);
      if (action) {
        const status = this.status;
        await this.runText(action, io);
        this.status = status;
      }
    }
  }

  /** A signal reached the shell: run its trap later, ignore it, or interrupt the foreground job. */
  deliver(signal: string): void {
    const name = signal.replace(/^SIG/, '');
    const action = this.traps.get(name);
    if (action !== undefined && signal !== 'SIGKILL') {
      if (action !== '') this.control.pending.push(name);
      this.control.wake?.();
      return;
    }
    this.control.foreground.abort(signal);
  }

  async runCommand(command: Command, io: ShellIo): Promise<number> {
    this.checkInterrupt();
    if (++this.steps % stepsPerYield === 0) await new Promise((resolve) => setImmediate(resolve));
    let status: number;
    switch (command.kind) {
      case 'simple':
        status = await this.runSimple(command, io);
        break;
      case 'function':
        this.functions.set(command.name, command.body);
        status = 0;
        break;
      default:
        status = await this.withRedirects(command.redirects, io, (redirected) => this.runCompound(command, redirected));
    }
    this.status = status;
    await this.runPendingTraps(io);
    this.checkInterrupt();
    return status;
  }

  private async withRedirects(
    redirects: Parameters<typeof applyRedirects>[0],
    io: ShellIo,
    run: (io: ShellIo) => Promise<number>,
  ): Promise<number> {
    if (redirects.length === 0) return run(io);
    const redirected = await applyRedirects(redirects, io, this.expander, this.fs, this.cwd);
    if ('failed' in redirected) {
      const message =
        redirected.failed === 'open'
          ? this.dialect.cannotOpen(redirected.path, redirected.errno, this.site())
          : this.dialect.cannotCreate(redirected.path, redirected.errno, this.site());
      await io.stderr.write(message + '\n');
      return this.dialect.redirectStatus;
    }
    return run(redirected);
  }

  private async runCompound(command: Exclude<Command, { kind: 'simple' | 'function' }>, io: ShellIo): Promise<number> {
    switch (command.kind) {
      case 'group':
        return this.runList(command.body, io);
      case 'subshell': {
        const shell = this.fork();
        try {
          return await shell.runList(command.body, io);
        } catch (error) {
          if (error instanceof ExitRequest) return error.status;
          throw error;
        }
      }
      case 'if': {
        for (const branch of command.branches) {
          if ((await this.condition(branch.condition, io)) === 0) return this.runList(branch.body, io);
        }
        return command.otherwise ? this.runList(command.otherwise, io) : 0;
      }
      case 'loop':
        return this.runLoop(
          async () => {
            const status = await this.condition(command.condition, io);
            return command.until ? status !== 0 : status === 0;
          },
          command.body,
          io,
        );
      case 'for': {
        const items = command.items ? await this.expander.fields(command.items) : [...this.positionalArgs];
        let index = 0;
        return this.runLoop(
          async () => {
            const item = items[index++];
            if (item === undefined) return false;
            this.setVariable(command.name, item);
            return true;
          },
          command.body,
          io,
        );
      }
      case 'case': {
        const subject = await this.expander.text(command.word);
        for (const item of command.items) {
          for (const pattern of item.patterns) {
            if (matchPattern(await this.expander.pattern(pattern), subject)) return this.runList(item.body, io);
          }
        }
        return 0;
      }
    }
  }

  private async runLoop(next: () => Promise<boolean>, body: List, io: ShellIo): Promise<number> {
    let status = 0;
    while (await next()) {
      try {
        status = await this.runList(body, io);
      } catch (error) {
        if (!(error instanceof LoopControl)) throw error;
        if (error.levels > 1) {
          error.levels--;
          throw error;
        }
        if (error.kind === 'break') break;
      }
    }
    return status;
  }

  private async runSimple(command: Command & { kind: 'simple' }, io: ShellIo): Promise<number> {
    this.line = command.line;
    this.substitutionStatus = undefined;
    let argv: string[];
    const assignments: [string, string][] = [];
    try {
      argv = await this.expander.fields(command.words);
      for (const { name, value } of command.assignments) assignments.push([name, await this.expander.text(value)]);
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      await io.stderr.write(this.dialect.prefix(this.site()) + error.message + '\n');
      const status = error.message.includes('arithmetic') || error.message.includes('divide') ? 2 : 1;
      if (!this.interactive) throw new ExitRequest(status);
      return status;
    }
    const name = argv[0];
    if (name === undefined) {
      for (const [variable, value] of assignments) this.assign(variable, value, io);
      return this.withRedirects(command.redirects, io, async () => this.substitutionStatus ?? 0);
    }
    if (this.options.xtrace) await io.stderr.write(`+ ${argv.map(quoteForTrace).join(' ')}\n`);
    return this.withRedirects(command.redirects, io, (redirected) => this.invoke(argv, assignments, redirected));
  }

  private assign(name: string, value: string, io: ShellIo): void {
    try {
      this.setVariable(name, value);
    } catch (error) {
      if (!(error instanceof ExpansionError)) throw error;
      void io.stderr.write(this.dialect.prefix(this.site()) + error.message + '\n');
    }
  }

  /** Runs a command by name: builtin, function, or a command of the image. */
  async invoke(argv: string[], assignments: [string, string][], io: ShellIo, skipFunctions = false): Promise<number> {
    const name = argv[0]!;
    const builtin = this.builtins.get(name);
    const body = skipFunctions ? undefined : this.functions.get(name);
    if (body) return this.callFunction(body, argv, assignments, io);
    if (builtin) {
      if (assignments.length === 0) return builtin(this, argv, io);
      const saved = assignments.map(([variable]) => [variable, this.variables.get(variable)] as const);
      for (const [variable, value] of assignments) this.variables.set(variable, { value, exported: true });
      try {
        return await builtin(this, argv, io);
      } finally {
        for (const [variable, previous] of saved) {
          if (previous) this.variables.set(variable, previous);
          else this.variables.delete(variable);
        }
      }
    }
    const target = name.includes('/') ? this.absolute(name) : name;
    if (!this.context.system.resolve(target)) {
      await io.stderr.write(this.dialect.notFound(name, this.site()) + '\n');
      return 127;
    }
    const env = { ...this.environment(), ...Object.fromEntries(assignments) };
    const foreground = io.stdin === this.context.stdin && this.context.terminal;
    return this.context.system.run([target, ...argv.slice(1)], {
      env,
      cwd: this.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: io.tty,
      terminal: foreground ? this.context.terminal : undefined,
      signal: this.control.foreground.signal,
    });
  }

  private absolute(path: string): string {
    return resolvePath(this.cwd, path);
  }

  private async callFunction(
    body: Command,
    argv: string[],
    assignments: [string, string][],
    io: ShellIo,
  ): Promise<number> {
    const saved = this.positionalArgs;
    this.positionalArgs = argv.slice(1);
    this.frames.push(new Map());
    for (const [variable, value] of assignments) this.setVariable(variable, value);
    try {
      return await this.runCommand(body, io);
    } catch (error) {
      if (error instanceof ReturnRequest) return error.status;
      throw error;
    } finally {
      this.positionalArgs = saved;
      for (const [variable, previous] of this.frames.pop() ?? []) {
        if (previous) this.variables.set(variable, previous);
        else this.variables.delete(variable);
      }
    }
  }

  /** Waits for background jobs; a trapped signal ends the wait early with 128 + its number. */
  async waitForJobs(): Promise<number> {
    const jobs = this.jobs.splice(0);
    if (jobs.length === 0) return 0;
    const trapped = new Promise<number>((resolve) => {
      this.control.wake = () => resolve(128 + signalNumber(`SIG${this.control.pending[0] ?? 'TERM'}`));
    });
    const all = Promise.all(jobs).then((statuses) => statuses[statuses.length - 1] ?? 0);
    try {
      return await Promise.race([all, trapped]);
    } finally {
      this.control.wake = undefined;
    }
  }
}

function quoteForTrace(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'"'"'`)}'`;
}
