// crictl ps [-a] [-q] [--name RE] [--no-trunc], crictl pods [-q] [--name RE] [--namespace RE] [--no-trunc],
// crictl images [-q] and crictl logs [--tail N] ID: the node's containers, pod sandboxes and images as the container
// runtime lists them over the CRI, in crictl 1.32's tables (newest first, IDs cut to 13 characters, "N minutes ago",
// sizes in decimal units), and a container's log. Without the node's runtime socket crictl cannot connect.

import type { CriContainer, CriImage, CriPodSandbox, RuntimeView } from '../../node-access.ts';
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

/** go-units' HumanSizeWithPrecision(size, 3): 2.16MB, 446MB, 728kB. */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${units[unit]}`;
}

function images(runtime: RuntimeView, flags: Flags): string {
  const listed: CriImage[] = runtime.images();
  if (flags.quiet) return [...new Set(listed.map((image) => image.id))].map((id) => `${id}\n`).join('');
  const rows = listed.map((image) => {
    const at = image.name.lastIndexOf(':');
    const tagged = at > image.name.lastIndexOf('/') && !image.name.includes('@');
    return [
      tagged ? image.name.slice(0, at) : image.name.split('@')[0]!,
      tagged ? image.name.slice(at + 1) : '<none>',
      flags.noTrunc ? image.id : image.id.replace(/^sha256:/, '').slice(0, TRUNCATED_ID),
      humanSize(image.sizeBytes),
    ];
  });
  return tabWrite([['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...rows]);
}

/** crictl logs: the container's stdout and stderr, each to its own stream, the last N lines with --tail. */
async function logs(context: CommandContext, runtime: RuntimeView, args: readonly string[]): Promise<number> {
  const flags = parseFlags(args);
  const id = args.filter((arg, i) => !arg.startsWith('-') && !args[i - 1]?.match(/^--?tail$/)).at(-1);
  if (id === undefined) {
    await context.stderr.write('FATA[0000] ID cannot be empty\n');
    return 1;
  }
  const found = runtime.containers().filter((c) => c.id.startsWith(id));
  if (found.length !== 1) {
    await context.stderr.write(
      `FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`,
    );
    return 1;
  }
  const tail = Number(flags.values.get('tail') ?? -1);
  const lines = found[0]!.log();
  for (const line of tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines) {
    await (line.stream === 'stdout' ? context.stdout : context.stderr).write(line.text + (line.newline ? '\n' : ''));
  }
  return 0;
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
      'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nCOMMANDS:\n   images   List images\n   logs     Fetch the logs of a container\n   pods     List pods\n   ps       List containers\n',
    );
    return 0;
  }
  const known = ['ps', 'pods', 'images', 'image', 'img', 'logs'];
  if (!known.includes(subcommand)) {
    await context.stderr.write(`FATA[0000] no help topic for '${subcommand}'\n`);
    return 3;
  }
  const runtime = context.system.node?.runtime;
  if (runtime === undefined) return cannotConnect(context);
  const now = context.system.clock.now();
  if (subcommand === 'logs') return logs(context, runtime, args);
  const flags = parseFlags(args);
  const text =
    subcommand === 'ps'
      ? containers(runtime, flags, now)
      : subcommand === 'pods'
        ? pods(runtime, flags, now)
        : images(runtime, flags);
  await context.stdout.write(text);
  return 0;
};
