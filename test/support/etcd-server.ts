// Starts a throw-away etcd for tests and benchmarks: Debian's etcd binary (`apt-get install etcd-server`) on
// 127.0.0.1 with free client and peer ports and a temporary data directory, one member or a small cluster.
// stop() kills the processes it started, by PID, and removes the data directory.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const etcdBinary = process.env.ETCD_BINARY ?? '/usr/bin/etcd';

export interface EtcdServerOptions {
  /** Cluster members to start (default 1). */
  members?: number;
  /** etcd's --experimental-watch-progress-notify-interval, e.g. '1s' (etcd's default is 10m). */
  progressNotifyInterval?: string;
}

export interface EtcdServer {
  /** The first member's client URL, e.g. http://127.0.0.1:40123. */
  endpoint: string;
  /** Every member's client URL. */
  endpoints: string[];
  /** The index of the member that is the raft leader now. */
  leaderIndex(): Promise<number>;
  /** Kills one member (SIGKILL), leaving the others running. */
  killMember(index: number): Promise<void>;
  /** Stops every member and removes the data directory. */
  stop(): Promise<void>;
}

interface Member {
  name: string;
  clientUrl: string;
  process: ChildProcess;
  stderr: string;
  exited: Promise<void>;
}

const running = new Set<ChildProcess>();
const dataDirs = new Set<string>();
let clusterCount = 0;

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

/** Whether the etcd binary is installed. */
export function etcdAvailable(): boolean {
  return existsSync(etcdBinary);
}

/** Starts etcd and resolves once every member reports healthy. */
export async function startEtcd(options: EtcdServerOptions = {}): Promise<EtcdServer> {
  if (!etcdAvailable()) {
    throw new Error(`etcd is not installed at ${etcdBinary} (apt-get install -y etcd-server etcd-client)`);
  }
  const count = options.members ?? 1;
  const dataDir = await mkdtemp(join(tmpdir(), 'kubelab-etcd-'));
  dataDirs.add(dataDir);
  const ports = await freePorts(count * 2);
  const names = Array.from({ length: count }, (_, i) => `m${i}`);
  const peerUrls = names.map((_, i) => `http://127.0.0.1:${ports[count + i]}`);
  const initialCluster = names.map((name, i) => `${name}=${peerUrls[i]}`).join(',');
  const token = `kubelab-${process.pid}-${++clusterCount}`;

  const members = names.map((name, i): Member => {
    const clientUrl = `http://127.0.0.1:${ports[i]}`;
    const peerUrl = peerUrls[i] ?? '';
    const args = [
      `--name=${name}`,
      `--data-dir=${join(dataDir, name)}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=${initialCluster}`,
      `--initial-cluster-token=${token}`,
      '--initial-cluster-state=new',
      '--logger=zap',
      '--log-outputs=stderr',
      '--log-level=error',
    ];
    if (options.progressNotifyInterval) {
      args.push(`--experimental-watch-progress-notify-interval=${options.progressNotifyInterval}`);
    }
    const child = spawn(etcdBinary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    const member: Member = {
      name,
      clientUrl,
      process: child,
      stderr: '',
      exited: new Promise((resolve) => child.once('exit', () => resolve())),
    };
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      member.stderr = (member.stderr + chunk).slice(-4000);
    });
    void member.exited.then(() => running.delete(child));
    return member;
  });

  const stop = async (): Promise<void> => {
    await Promise.all(members.map((m) => terminate(m)));
    await rm(dataDir, { recursive: true, force: true });
    dataDirs.delete(dataDir);
  };

  try {
    await Promise.all(members.map((m) => waitHealthy(m)));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    endpoint: members[0]?.clientUrl ?? '',
    endpoints: members.map((m) => m.clientUrl),
    async leaderIndex() {
      for (const [index, member] of members.entries()) {
        if (member.process.exitCode !== null || member.process.signalCode !== null) continue;
        const status = await memberStatus(member);
        if (status.header.member_id === status.leader) return index;
      }
      throw new Error('no running etcd member is the leader');
    },
    async killMember(index) {
      const member = members[index];
      if (!member) throw new RangeError(`no etcd member ${index}`);
      if (member.process.exitCode === null && member.process.signalCode === null) {
        member.process.kill('SIGKILL');
      }
      await member.exited;
    },
    stop,
  };
}

async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port assigned');
    return address.port;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function waitHealthy(member: Member): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (member.process.exitCode !== null || member.process.signalCode !== null) {
      throw new Error(`etcd member ${member.name} exited during start-up:\n${member.stderr}`);
    }
    try {
      const response = await fetch(`${member.clientUrl}/health`);
      const body = (await response.json()) as { health?: string };
      if (body.health === 'true') return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`etcd member ${member.name} did not become healthy within 30s:\n${member.stderr}`);
}

/** A member's own view of itself and its leader, through etcd's JSON gateway. */
async function memberStatus(member: Member): Promise<{ header: { member_id: string }; leader: string }> {
  const response = await fetch(`${member.clientUrl}/v3/maintenance/status`, { method: 'POST', body: '{}' });
  return (await response.json()) as { header: { member_id: string }; leader: string };
}

async function terminate(member: Member): Promise<void> {
  const child = member.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const escalate = setTimeout(() => child.kill('SIGKILL'), 5000);
  await member.exited;
  clearTimeout(escalate);
}
