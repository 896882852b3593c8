// Turns an image's command table into the Program the runtime starts: the container's command runs as the main
// process against the runtime's streams (through a line discipline when a TTY is attached), SIGTERM reaches it as an
// abort, and its listening ports, processes and resource use are what the RunningProgram reports.

import type { Program, ProgramContext, RunningProgram } from '../program.ts';
import type { Userland } from './command.ts';
import { ContainerSystem } from './container-system.ts';
import type { CommandTable } from './container-system.ts';
import { lineDiscipline, terminalOutput } from './line-discipline.ts';
import { loopbackNetwork } from './loopback-network.ts';
import { basename } from './paths.ts';
import { StopController } from './stop-signal.ts';
import type { OutputStream } from './streams.ts';
import { TextInput, emptyInput, readableSource, writableOutput } from './streams.ts';

export function commandProgram(commands: CommandTable, userland: Userland): Program {
  return {
    has: (command) => commands.has(command) || (command.includes('/') && commands.has(basename(command))),
    start: (context) => startProgram(context, commands, userland),
  };
}

/** Output through a terminal: newlines reach the user as CR LF. */
function terminalWriter(output: OutputStream): OutputStream {
  return { write: (text) => output.write(terminalOutput(text)) };
}

function startProgram(context: ProgramContext, commands: CommandTable, userland: Userland): RunningProgram {
  const pid = context.pid ?? 1;
  const system: ContainerSystem = new ContainerSystem({
    commands,
    userland,
    fs: context.fs,
    clock: context.clock,
    hostname: context.hostname,
    network: () => context.network ?? loopbackNetwork(context.fs, () => [system]),
    cluster: context.cluster,
    node: context.node,
    firstPid: pid,
    processTable: context.processes,
  });
  const terminal =
    context.tty && context.stdin
      ? lineDiscipline(readableSource(context.stdin), (text) => context.stdout.write(text))
      : undefined;
  if (terminal) terminal.onInterrupt = () => system.killOwn(pid, 2);
  const stdin = terminal
    ? new TextInput(() => terminal.read())
    : context.stdin
      ? new TextInput(readableSource(context.stdin))
      : emptyInput();
  const stop = new StopController();
  context.signal.addEventListener('abort', () => stop.abort('SIGTERM'), { once: true });
  if (context.signal.aborted) stop.abort('SIGTERM');
  const stdout = context.tty ? terminalWriter(writableOutput(context.stdout)) : writableOutput(context.stdout);
  const stderr = context.tty ? terminalWriter(writableOutput(context.stderr)) : writableOutput(context.stderr);
  const command = context.argv[0] ?? '';
  const exited = system.resolve(command)
    ? system.run(context.argv, {
        env: context.env,
        cwd: context.workingDir || '/',
        stdin,
        stdout,
        stderr,
        tty: context.tty,
        terminal,
        signal: stop.signal,
      })
    : stderr.write(`exec: "${command}": executable file not found in $PATH\n`).then(() => 127);
  return {
    exited: exited.finally(() => system.killAll()),
    http: (request) => system.http(request),
    listens: (port) => system.listens(port),
    connect: (port) => system.connect(port),
    datagram: (port) => system.datagram(port),
    ports: () => system.openPorts(),
    usage: () => system.usage(),
    processes: () => system.ownProcesses(),
    kill: (target, signal) => system.killOwn(target, signal),
  };
}
