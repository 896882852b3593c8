// The network of a pod before the network lab joins: only its own addresses — loopback and the pod IP that
// /etc/hosts gives its hostname — where the pod's own programs listen (the containers of a pod share one network
// namespace), names from /etc/hosts, and no DNS server that answers. The runtime passes the pod's running programs;
// a program started without a network sees its own listening ports only.

import type {
  ConnectOutcome,
  ContainerFilesystem,
  EchoReply,
  HttpRequest,
  HttpResponse,
  LookupResult,
  NetworkAccess,
  NetworkInterface,
  NetworkRoute,
  RunningProgram,
} from '../program.ts';

/** Something that may listen on ports of the pod (a running program, or the System of this one). */
export type PortListener = Pick<RunningProgram, 'listens' | 'http' | 'connect' | 'datagram' | 'ports'>;

const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function hostsLines(fs: ContainerFilesystem): string[][] {
  return (fs.read('/etc/hosts') ?? '')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim().split(/\s+/))
    .filter((fields) => fields.length > 1);
}

/** The pod's own IPv4 address: the /etc/hosts line the kubelet writes for the pod's hostname. */
function podAddress(fs: ContainerFilesystem): string | undefined {
  const hostname = (fs.read('/etc/hostname') ?? '').trim();
  const line = hostsLines(fs).find(
    (fields) =>
      ipv4.test(fields[0]!) &&
      !fields[0]!.startsWith('127.') &&
      (hostname === '' || fields.slice(1).includes(hostname)),
  );
  return line?.[0];
}

function isLocal(fs: ContainerFilesystem, address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === podAddress(fs);
}

/** The MAC address CNI bridge plugins give a pod interface: 0a:58 followed by the IPv4 address's octets. */
function macFor(address: string): string {
  return ['0a', '58', ...address.split('.').map((octet) => Number(octet).toString(16).padStart(2, '0'))].join(':');
}

/** A pod network where `listeners()` are the programs of the pod (methods on a prototype: one per container). */
class LoopbackNetwork implements NetworkAccess {
  constructor(
    private readonly fs: ContainerFilesystem,
    private readonly listeners: () => Iterable<PortListener>,
  ) {}

  async lookup(name: string): Promise<LookupResult> {
    if (ipv4.test(name)) return { status: 'found', name, addresses: [name] };
    if (name === 'localhost') return { status: 'found', name, addresses: ['127.0.0.1'] };
    const addresses = hostsLines(this.fs)
      .filter((fields) => fields.slice(1).includes(name))
      .map((fields) => fields[0]!);
    if (addresses.length > 0) return { status: 'found', name, addresses };
    return { status: 'timeout' };
  }

  async connect(address: string, port: number): Promise<ConnectOutcome> {
    if (this.listenerOn(address, port)) return 'connected';
    return isLocal(this.fs, address) ? 'refused' : 'unreachable';
  }

  async http(
    address: string,
    port: number,
    request: HttpRequest,
  ): Promise<HttpResponse | Exclude<ConnectOutcome, 'connected'>> {
    const listener = this.listenerOn(address, port);
    if (!listener) return isLocal(this.fs, address) ? 'refused' : 'unreachable';
    return (
      listener.http?.({ ...request, port, remoteAddress: address.startsWith('127.') ? '127.0.0.1' : address }) ??
      'refused'
    );
  }

  async ping(address: string): Promise<EchoReply | undefined> {
    return isLocal(this.fs, address) ? { rttMs: 0.045, ttl: 64 } : undefined;
  }

  interfaces(): NetworkInterface[] {
    const interfaces: NetworkInterface[] = [
      { name: 'lo', addresses: ['127.0.0.1/8'], mac: '00:00:00:00:00:00', mtu: 65536 },
    ];
    const address = podAddress(this.fs);
    if (address) interfaces.push({ name: 'eth0', addresses: [`${address}/24`], mac: macFor(address), mtu: 1500 });
    return interfaces;
  }

  routes(): NetworkRoute[] {
    return [];
  }

  private listenerOn(address: string, port: number): PortListener | undefined {
    if (!isLocal(this.fs, address)) return undefined;
    for (const listener of this.listeners()) if (listener.listens?.(port)) return listener;
    return undefined;
  }
}

/** A pod network where `listeners()` are the programs of the pod. */
export function loopbackNetwork(fs: ContainerFilesystem, listeners: () => Iterable<PortListener>): NetworkAccess {
  return new LoopbackNetwork(fs, listeners);
}
