// A small image for the kubelet's tests (kubelab/test): its program runs one of a few commands — `serve PORT`
// answers HTTP (500 on /healthz while /tmp/unhealthy exists), `echo`, `sleep`, `exit N`, `crash`, `cat FILE`,
// `hog BYTES` (uses that much memory), `stubborn` (ignores SIGTERM) — so tests drive every container lifecycle
// without the image catalogue.

import type { ImageDefinition, ProgramContext, RunningProgram } from '../../images/program.ts';

const COMMANDS = new Set(['serve', 'echo', 'sleep', 'exit', 'crash', 'cat', 'hog', 'stubborn']);

function ended(code: number): RunningProgram {
  return { exited: Promise.resolve(code), usage: () => ({ cpuMillis: 0, memoryBytes: 0 }) };
}

function untilStopped(context: ProgramContext, code: number, usage = { cpuMillis: 1, memoryBytes: 1_000_000 }) {
  const exited = new Promise<number>((resolve) => {
    if (context.signal.aborted) resolve(code);
    context.signal.addEventListener('abort', () => resolve(code), { once: true });
  });
  return { exited, usage: () => usage };
}

function start(context: ProgramContext): RunningProgram {
  const [command, ...args] = context.argv;
  switch (command) {
    case 'serve': {
      const port = Number(args[0] ?? 80);
      context.stdout.write(`serving on ${port}\n`);
      return {
        ...untilStopped(context, 0),
        listens: (p) => p === port,
        http: (request) => {
          if (request.port !== port) return undefined;
          context.stdout.write(`${request.method} ${request.path}\n`);
          if (request.path === '/healthz' && context.fs.read('/tmp/unhealthy') !== undefined) {
            return { status: 500, body: 'unhealthy' };
          }
          return { status: 200, body: 'ok' };
        },
      };
    }
    case 'echo':
      context.stdout.write(`${args.join(' ')}\n`);
      return ended(0);
    case 'sleep': {
      let timer: { cancel(): void } | undefined;
      const exited = new Promise<number>((resolve) => {
        timer = context.clock.setTimeout(() => resolve(0), Number(args[0] ?? 0) * 1000);
        context.signal.addEventListener('abort', () => {
          timer?.cancel();
          resolve(143);
        });
      });
      return { exited, usage: () => ({ cpuMillis: 0, memoryBytes: 500_000 }) };
    }
    case 'exit':
      return ended(Number(args[0] ?? 0));
    case 'crash':
      context.stderr.write('crashing\n');
      return ended(1);
    case 'cat': {
      const content = context.fs.read(args[0] ?? '');
      if (content === undefined) {
        context.stderr.write(`cat: can't open '${args[0]}': No such file or directory\n`);
        return ended(1);
      }
      context.stdout.write(content);
      return ended(0);
    }
    case 'hog':
      return untilStopped(context, 0, { cpuMillis: 250, memoryBytes: Number(args[0] ?? 0) });
    case 'stubborn':
      return { exited: new Promise<number>(() => undefined), usage: () => ({ cpuMillis: 0, memoryBytes: 0 }) };
    default:
      return ended(127);
  }
}

export const TEST_IMAGE: ImageDefinition = {
  repository: 'kubelab/test',
  tags: ['latest', '1.0'],
  entrypoint: [],
  cmd: ['serve', '80'],
  env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
  workingDir: '/',
  exposedPorts: [80],
  sizeBytes: 12_000_000,
  files: { '/etc/os-release': 'NAME="kubelab test"\n' },
  directories: ['/tmp'],
  program: { start, has: (c) => COMMANDS.has(c) },
};

/** The catalogue of the tests: kubelab/test at its tags, and the pause image. */
export function testImages(reference: string): ImageDefinition | undefined {
  const normalized = reference.replace(/^docker\.io\//, '');
  if (/^kubelab\/test(:(latest|1\.0))?$/.test(normalized)) return TEST_IMAGE;
  if (reference === 'registry.k8s.io/pause:3.10')
    return { ...TEST_IMAGE, repository: 'registry.k8s.io/pause', sizeBytes: 320_368 };
  return undefined;
}
