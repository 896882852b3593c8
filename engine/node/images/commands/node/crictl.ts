// crictl ps [-a] [-q] [--name RE] [--no-trunc] and crictl pods [-q] [--name RE] [--namespace RE] [--no-trunc]: the
// node's containers and pod sandboxes as the container runtime lists them over the CRI, in crictl 1.32's table
// (newest first, IDs cut to 13 characters, "N minutes ago"). Without the node's runtime socket crictl cannot connect.

import type { CriContainer, CriPodSandbox, RuntimeView } from '../../node-access.ts';
import type { Command, CommandContext } from '../../process/command.ts';
import { humanDuration } from './human-duration.ts';
import { tabWrite } from './tab-writer.ts';

const ENDPOINT = 'unix:///run/containerd/containerd.sock';
const TRUNCATED_ID = 13;

interface Flags {
  all: boolean;
  quiet: boolean;
  noTrunc: boolean;
  values: Map<string, string>;
}

function parseFlags(args: readonly string[]): Flags {
  const flags: Flags = { all: false, quiet: false, noTrunc: false, values: new Map() };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-a' || arg === '--all') flags.all = true;
    else if (arg === '-q' || arg === '--quiet') flags.quiet = true;
    else if (arg === '--no-trunc') flags.noTrunc = true;
    else if (arg.startsWith('--') && arg.includes('='))
      flags.values.set(arg.slice(2, arg.indexOf('=')), arg.split('=')[1]!);
    else if (arg.startsWith('-')) flags.values.set(arg.replace(/^-+/, ''), args[++i] ?? '');
  }
  return flags;
}

function matches(pattern: string | undefined, value: string): boolean {
  return pattern === undefined || new RegExp(pattern).test(value);
}

function ago(now: number, createdAt: number): string {
  return `${humanDuration(now - createdAt)} ago`;
}

function shortId(id: string, flags: Flags): string {
  return flags.noTrunc ? id : id.slice(0, TRUNCATED_ID);
}

function podsTable(pods: CriPodSandbox[], flags: Flags, now: number): string {
  if (flags.quiet) return pods.map((pod) => `${pod.id}\n`).join('');
  const header = ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'];
  const rows = pods.map((pod) => [
    shortId(pod.id, flags),
    ago(now, pod.createdAt),
    pod.ready ? 'Ready' : 'NotReady',
    pod.name,
    pod.namespace,
    String(pod.attempt),
    '(default)',
  ]);
  return tabWrite([header, ...rows]);
}

const STATES: Record<CriContainer['state'], string> = { created: 'Created', running: 'Running', exited: 'Exited' };

function containersTable(containers: CriContainer[], flags: Flags, now: number): string {
  if (flags.quiet) return containers.map((c) => `${c.id}\n`).join('');
  const header = ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'];
  const rows = containers.map((c) => [
    shortId(c.id, flags),
    flags.noTrunc ? c.imageId : c.imageId.replace(/^sha256:/, '').slice(0, TRUNCATED_ID),
    ago(now, c.createdAt),
    STATES[c.state],
    c.name,
    String(c.attempt),
    shortId(c.podSandboxId, flags),
    c.podName,
    c.podNamespace,
  ]);
  return tabWrite([header, ...rows]);
}

function pods(runtime: RuntimeView, flags: Flags, now: number): string {
  const name = flags.values.get('name');
  const namespace = flags.values.get('namespace');
  const state = flags.values.get('state') ?? flags.values.get('s');
  const listed = runtime
    .sandboxes()
    .filter((pod) => matches(name, pod.name) && matches(namespace, pod.namespace))
    .filter((pod) => state === undefined || (state.toLowerCase() === 'ready') === pod.ready)
    .sort((a, b) => b.createdAt - a.createdAt);
  return podsTable(listed, flags, now);
}

function containers(runtime: RuntimeView, flags: Flags, now: number): string {
  const name = flags.values.get('name');
  const pod = flags.values.get('pod') ?? flags.values.get('p');
  const state = flags.values.get('state') ?? (flags.all ? undefined : 'running');
  const listed = runtime
    .containers()
    .filter((c) => matches(name, c.name) && (pod === undefined || c.podSandboxId.startsWith(pod)))
    .filter((c) => state === undefined || c.state === state.toLowerCase())
    .sort((a, b) => b.createdAt - a.createdAt);
  return containersTable(listed, flags, now);
}

async function cannotConnect(context: CommandContext): Promise<number> {
  await context.stderr.write(
    `FATA[0000] validate service connection: validate CRI v1 runtime API for endpoint "${ENDPOINT}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"\n`,
  );
  return 1;
}

export const crictlCommand: Command = async (context) => {
  const [subcommand = '', ...args] = context.argv.slice(1);
  if (subcommand === '') {
    await context.stdout.write(
      'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   pods   List pods\n   ps     List containers\n',
    );
    return 0;
  }
  if (subcommand !== 'ps' && subcommand !== 'pods') {
    await context.stderr.write(`FATA[0000] no help topic for '${subcommand}'\n`);
    return 3;
  }
  const runtime = context.system.node?.runtime;
  if (runtime === undefined) return cannotConnect(context);
  const now = context.system.clock.now();
  const flags = parseFlags(args);
  await context.stdout.write(subcommand === 'ps' ? containers(runtime, flags, now) : pods(runtime, flags, now));
  return 0;
};
