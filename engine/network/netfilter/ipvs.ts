// IPVS of a namespace, as kube-proxy's ipvs mode programs it: virtual servers (TCP/UDP VIP:port, a scheduler, an
// optional persistence timeout for sessionAffinity ClientIP), their real servers with weights (masquerading), and the
// connection table that keeps a client's flow on its real server; listed as `ipvsadm -Ln` prints it.

import type { Clock } from '../../lab/clock.ts';
import { parseIPv4 } from '../ip.ts';
import type { Packet } from '../packet.ts';
import { IPVS_SCHEDULERS, createScheduler } from './ipvs-scheduler.ts';
import type { IpvsScheduler, IpvsSchedulerName } from './ipvs-scheduler.ts';

export type IpvsProtocol = 'tcp' | 'udp';

export interface VirtualServerKey {
  protocol: IpvsProtocol;
  address: string;
  port: number;
}

export interface VirtualServer extends VirtualServerKey {
  scheduler: IpvsSchedulerName;
  /** Persistence in seconds (`-p`), 0 for none. */
  timeout: number;
}

export interface RealServer {
  address: string;
  port: number;
  weight: number;
}

export interface RealServerStatus extends RealServer {
  activeConn: number;
  inactiveConn: number;
}

export type IpvsResult = { ok: true } | { ok: false; error: string };

/** The scheduling of a new connection: the real server, or undefined when none can take it. */
export interface IpvsDecision {
  service: VirtualServer;
  realServer: RealServer | undefined;
  /** Whether an existing connection or persistence template chose it (no scheduler asked). */
  reused: boolean;
}

/** Seconds, as `ipvsadm --set tcp tcpfin udp` (the kernel's defaults). */
export interface IpvsTimeouts {
  tcp: number;
  udp: number;
}

interface Service {
  spec: VirtualServer;
  servers: RealServerStatus[];
  scheduler: IpvsScheduler;
}

interface Connection {
  service: Service;
  server: RealServerStatus;
  expires: number;
}

interface Template {
  server: RealServerStatus;
  expires: number;
}

const SWEEP_EVERY = 1024;

function serviceKey(key: VirtualServerKey): string {
  return `${key.protocol} ${key.address}:${key.port}`;
}

function ok(): IpvsResult {
  return { ok: true };
}

function fail(error: string): IpvsResult {
  return { ok: false, error };
}

export class Ipvs {
  private readonly services = new Map<string, Service>();
  private readonly connections = new Map<string, Connection>();
  private readonly templates = new Map<string, Template>();
  private readonly timeouts: IpvsTimeouts;
  private createdSinceSweep = 0;

  constructor(
    private readonly clock: Clock,
    timeouts: Partial<IpvsTimeouts> = {},
  ) {
    this.timeouts = { tcp: 900, udp: 300, ...timeouts };
  }

  addVirtualServer(spec: VirtualServerKey & Partial<VirtualServer>): IpvsResult {
    const key = serviceKey(spec);
    if (this.services.has(key)) return fail('Service already exists');
    const scheduler = spec.scheduler ?? 'rr';
    if (!IPVS_SCHEDULERS.includes(scheduler)) return fail(`Scheduler not found: ip_vs_${scheduler}.ko`);
    if (parseIPv4(spec.address) === undefined) return fail(`Illegal virtual server address ${spec.address}`);
    const full: VirtualServer = { ...pickKey(spec), scheduler, timeout: spec.timeout ?? 0 };
    this.services.set(key, { spec: full, servers: [], scheduler: createScheduler(scheduler) });
    return ok();
  }

  updateVirtualServer(spec: VirtualServerKey & Partial<VirtualServer>): IpvsResult {
    const service = this.services.get(serviceKey(spec));
    if (!service) return fail('No such service');
    const scheduler = spec.scheduler ?? service.spec.scheduler;
    if (!IPVS_SCHEDULERS.includes(scheduler)) return fail(`Scheduler not found: ip_vs_${scheduler}.ko`);
    if (scheduler !== service.spec.scheduler) service.scheduler = createScheduler(scheduler);
    service.spec = { ...service.spec, scheduler, timeout: spec.timeout ?? service.spec.timeout };
    return ok();
  }

  deleteVirtualServer(key: VirtualServerKey): IpvsResult {
    const service = this.services.get(serviceKey(key));
    if (!service) return fail('No such service');
    this.services.delete(serviceKey(key));
    this.forget((connection) => connection.service === service);
    return ok();
  }

  getVirtualServers(): VirtualServer[] {
    return [...this.services.values()].map((service) => ({ ...service.spec }));
  }

  addRealServer(key: VirtualServerKey, server: RealServer): IpvsResult {
    const service = this.services.get(serviceKey(key));
    if (!service) return fail('No such service');
    if (findServer(service, server)) return fail('Destination already exists');
    if (parseIPv4(server.address) === undefined) return fail(`Illegal real server address ${server.address}`);
    service.servers.push({ ...pickServer(server), activeConn: 0, inactiveConn: 0 });
    return ok();
  }

  updateRealServer(key: VirtualServerKey, server: RealServer): IpvsResult {
    const service = this.services.get(serviceKey(key));
    const found = service && findServer(service, server);
    if (!found) return fail(service ? 'No such destination' : 'No such service');
    found.weight = server.weight;
    return ok();
  }

  /** Deletes the real server and its connections (kube-proxy sets expire_nodest_conn). */
  deleteRealServer(key: VirtualServerKey, server: Pick<RealServer, 'address' | 'port'>): IpvsResult {
    const service = this.services.get(serviceKey(key));
    const found = service && findServer(service, server);
    if (!service || !found) return fail(service ? 'No such destination' : 'No such service');
    service.servers.splice(service.servers.indexOf(found), 1);
    this.forget((connection) => connection.server === found);
    for (const [templateKey, template] of this.templates) {
      if (template.server === found) this.templates.delete(templateKey);
    }
    return ok();
  }

  getRealServers(key: VirtualServerKey): RealServerStatus[] {
    this.sweep();
    return (this.services.get(serviceKey(key))?.servers ?? []).map((server) => ({ ...server }));
  }

  /** `ipvsadm --clear`. */
  flush(): void {
    this.services.clear();
    this.connections.clear();
    this.templates.clear();
  }

  /**
   * The real server for a packet to a virtual server: the one its connection already has, or the one its client's
   * persistence template names, or the scheduler's pick. Undefined when the packet is for no virtual server.
   */
  schedule(packet: Packet): IpvsDecision | undefined {
    if (packet.protocol === 'icmp') return undefined;
    const service = this.services.get(`${packet.protocol} ${packet.dst}:${packet.dstPort}`);
    if (!service) return undefined;
    const now = this.clock.now();
    const connectionKey = `${packet.protocol} ${packet.src}:${packet.srcPort} ${packet.dst}:${packet.dstPort}`;
    const connection = this.connections.get(connectionKey);
    if (connection && connection.expires > now) {
      connection.expires = now + this.timeout(service) * 1000;
      return { service: { ...service.spec }, realServer: { ...pickServer(connection.server) }, reused: true };
    }
    if (connection) this.drop(connectionKey, connection);

    const templateKey = `${packet.protocol} ${packet.src} ${packet.dst}:${packet.dstPort}`;
    const template = service.spec.timeout > 0 ? this.templates.get(templateKey) : undefined;
    const usable = template && template.expires > now && template.server.weight > 0 ? template.server : undefined;
    const server = usable ?? service.scheduler.pick(service.servers, parseIPv4(packet.src) ?? 0);
    if (!server) return { service: { ...service.spec }, realServer: undefined, reused: false };

    if (service.spec.timeout > 0)
      this.templates.set(templateKey, { server, expires: now + service.spec.timeout * 1000 });
    if (++this.createdSinceSweep >= SWEEP_EVERY) this.sweep();
    this.connections.set(connectionKey, { service, server, expires: now + this.timeout(service) * 1000 });
    if (packet.protocol === 'tcp') server.activeConn++;
    else server.inactiveConn++;
    return { service: { ...service.spec }, realServer: { ...pickServer(server) }, reused: usable !== undefined };
  }

  /** `ipvsadm -Ln`. */
  list(): string {
    this.sweep();
    const lines = [
      'IP Virtual Server version 1.2.1 (size=4096)',
      'Prot LocalAddress:Port Scheduler Flags',
      '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
    ];
    const byAddress = (a: { address: string; port: number }, b: { address: string; port: number }): number =>
      (parseIPv4(a.address) ?? 0) - (parseIPv4(b.address) ?? 0) || a.port - b.port;
    const services = [...this.services.values()].sort(
      (a, b) =>
        (a.spec.protocol === b.spec.protocol ? 0 : a.spec.protocol === 'tcp' ? -1 : 1) || byAddress(a.spec, b.spec),
    );
    for (const { spec, servers } of services) {
      const persistent = spec.timeout > 0 ? ` persistent ${spec.timeout}` : '';
      lines.push(`${spec.protocol.toUpperCase()}  ${spec.address}:${spec.port} ${spec.scheduler}${persistent}`);
      for (const server of [...servers].sort(byAddress)) {
        const remote = `${server.address}:${server.port}`.padEnd(28);
        lines.push(
          `  -> ${remote} ${'Masq'.padEnd(7)} ${String(server.weight).padEnd(6)} ` +
            `${String(server.activeConn).padEnd(10)} ${String(server.inactiveConn).padEnd(10)}`,
        );
      }
    }
    return lines.join('\n') + '\n';
  }

  private timeout(service: Service): number {
    return service.spec.protocol === 'tcp' ? this.timeouts.tcp : this.timeouts.udp;
  }

  private sweep(): void {
    this.createdSinceSweep = 0;
    const now = this.clock.now();
    this.forget((connection) => connection.expires <= now);
    for (const [key, template] of this.templates) if (template.expires <= now) this.templates.delete(key);
  }

  private forget(which: (connection: Connection) => boolean): void {
    for (const [key, connection] of this.connections) if (which(connection)) this.drop(key, connection);
  }

  private drop(key: string, connection: Connection): void {
    this.connections.delete(key);
    if (connection.service.spec.protocol === 'tcp') connection.server.activeConn--;
    else connection.server.inactiveConn--;
  }
}

function pickKey(spec: VirtualServerKey): VirtualServerKey {
  return { protocol: spec.protocol, address: spec.address, port: spec.port };
}

function pickServer(server: RealServer): RealServer {
  return { address: server.address, port: server.port, weight: server.weight };
}

function findServer(service: Service, server: Pick<RealServer, 'address' | 'port'>): RealServerStatus | undefined {
  for (const candidate of service.servers) {
    if (candidate.address === server.address && candidate.port === server.port) return candidate;
  }
  return undefined;
}
