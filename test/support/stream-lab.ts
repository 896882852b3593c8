// Test support: an in-process lab for the streaming sub-resources — a Cluster served over HTTPS with its PKI, pods/log,
// pods/exec and pods/attach registered against a given kubelet directory, an admin kubeconfig, and the real kubectl
// run against it with its own HOME: one-shot, long-running (-f, -i), or in a terminal (-t) — a pseudo-terminal of a
// given size made by Python's pty module, resized on SIGUSR1 so that kubectl gets SIGWINCH.

import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHttpsServer } from '../../engine/apiserver/http/https-server.ts';
import { podStreamSubresources } from '../../engine/apiserver/podstreams/pod-stream-subresources.ts';
import { Cluster } from '../../engine/cluster/cluster.ts';
import type { KubeletDirectory } from '../../engine/node/kubelet-api.ts';
import { adminKubeconfig, writeKubeconfig } from '../../engine/pki/kubeconfig.ts';
import { loadOrCreatePki } from '../../engine/pki/pki.ts';
import type { CommandResult } from './lab-server.ts';

export interface KubectlOptions {
  stdin?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs a command on a pseudo-terminal of argv's first size, switching to the second on SIGUSR1; relays stdio. */
const TERMINAL_PY = `
import fcntl, os, pty, select, signal, struct, sys, termios
cols, rows, cols2, rows2 = map(int, sys.argv[1:5])
def winsize(fd, c, r): fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', r, c, 0, 0))
pid, master = pty.fork()
if pid == 0:
    winsize(0, cols, rows)
    os.execvp(sys.argv[5], sys.argv[5:])
signal.signal(signal.SIGUSR1, lambda *_: winsize(master, cols2, rows2))
reading = [master, 0]
while master in reading:
    for fd in select.select(reading, [], [])[0]:
        try:
            data = os.read(fd, 65536)
        except OSError:
            data = b''
        if not data:
            reading.remove(fd)
        elif fd == master:
            os.write(1, data)
        else:
            os.write(master, data)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`;

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface StreamLab {
  cluster: Cluster;
  url: string;
  kubeconfig: string;
  kubectl(args: string[], options?: KubectlOptions): Promise<CommandResult>;
  /** Starts kubectl and leaves it running (stdin open), for -f and -i. */
  spawnKubectl(args: string[], options?: { env?: Record<string, string> }): ChildProcessWithoutNullStreams;
  /** Starts kubectl on a terminal of `size`; SIGUSR1 to the process resizes the terminal to `resized`. */
  spawnKubectlInTerminal(
    args: string[],
    size: TerminalSize,
    resized: TerminalSize,
    options?: { env?: Record<string, string> },
  ): ChildProcessWithoutNullStreams;
  stop(): Promise<void>;
}

export async function startStreamLab(kubelets: KubeletDirectory): Promise<StreamLab> {
  const dir = await mkdtemp(join(tmpdir(), 'kubelab-streams-'));
  const home = join(dir, 'home');
  await mkdir(home, { recursive: true });
  const pki = await loadOrCreatePki();
  let address = '';
  const cluster = await Cluster.start({
    serviceAccountKey: pki.serviceAccount,
    rootCAPem: pki.ca.certPem,
    serverAddress: () => address,
  });
  const served = cluster.registry.get('', 'v1', 'pods')!;
  served.subresources = {
    ...served.subresources,
    ...podStreamSubresources(cluster.storeOf('', 'pods'), cluster.storeOf('', 'nodes'), kubelets),
  };
  const server = await startHttpsServer(cluster.apiServer, {
    keyPem: pki.serving.keyPem,
    certPem: pki.serving.certPem,
    caPem: pki.ca.certPem,
  });
  address = `${server.host}:${server.port}`;
  const kubeconfig = join(dir, 'kubeconfig');
  await writeKubeconfig(kubeconfig, adminKubeconfig(pki, cluster.config.name, server.url));
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    KUBECONFIG: kubeconfig,
    ...extra,
  });

  return {
    cluster,
    url: server.url,
    kubeconfig,
    kubectl: (args, options = {}) =>
      new Promise((done) => {
        const child = execFile(
          'kubectl',
          args,
          { env: env(options.env), timeout: options.timeoutMs ?? 30_000, maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            done({ code, stdout, stderr });
          },
        );
        child.stdin!.end(options.stdin ?? '');
      }),
    spawnKubectl: (args, options = {}) => spawn('kubectl', args, { env: env(options.env) }),
    spawnKubectlInTerminal: (args, size, resized, options = {}) =>
      spawn(
        'python3',
        ['-c', TERMINAL_PY, ...[size.cols, size.rows, resized.cols, resized.rows].map(String), 'kubectl', ...args],
        { env: env(options.env) },
      ),
    stop: async () => {
      await server.close();
      await cluster.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
