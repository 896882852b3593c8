// The IPVS proxier's sync result applied to a namespace: its addresses bound to the kube-ipvs0 dummy device, and its
// virtual servers and their real servers added, updated and deleted in the namespace's Ipvs, from a diff against
// what the previous sync applied (TCP and UDP only; the Ipvs has no SCTP).

import { DummyDevice } from '../../../engine/network/device.ts';
import type { NetworkNamespace } from '../../../engine/network/namespace.ts';
import type { IpvsSchedulerName } from '../../../engine/network/netfilter/ipvs-scheduler.ts';
import type { Ipvs, IpvsResult, VirtualServerKey } from '../../../engine/network/netfilter/ipvs.ts';
import type { IpvsState, RealServer, VirtualServer } from '../../../engine/node/kube-proxy/ipvs-state.ts';

interface Applied {
  key: VirtualServerKey;
  scheduler: string;
  timeout: number;
  servers: Map<string, RealServer>;
}

function check(result: IpvsResult): void {
  if (!result.ok) throw new Error(`ipvs: ${result.error}`);
}

export class IpvsApplier {
  private readonly applied = new Map<string, Applied>();
  private readonly bound = new Set<string>();

  constructor(
    private readonly ipvs: Ipvs,
    private readonly namespace: NetworkNamespace,
  ) {}

  apply(state: IpvsState): void {
    this.bindAddresses(state.dummyDevice, state.addresses);
    const wanted = new Set<string>();
    for (const server of state.virtualServers) {
      const protocol = server.protocol.toLowerCase();
      if (protocol !== 'tcp' && protocol !== 'udp') continue;
      const key: VirtualServerKey = { protocol, address: server.address, port: server.port };
      const name = `${protocol} ${server.address}:${server.port}`;
      wanted.add(name);
      this.applyVirtualServer(name, key, server);
    }
    for (const [name, applied] of this.applied) {
      if (wanted.has(name)) continue;
      check(this.ipvs.deleteVirtualServer(applied.key));
      this.applied.delete(name);
    }
  }

  private applyVirtualServer(name: string, key: VirtualServerKey, server: VirtualServer): void {
    const spec = { ...key, scheduler: server.scheduler as IpvsSchedulerName, timeout: server.timeout };
    let applied = this.applied.get(name);
    if (!applied) {
      check(this.ipvs.addVirtualServer(spec));
      applied = { key, scheduler: server.scheduler, timeout: server.timeout, servers: new Map() };
      this.applied.set(name, applied);
    } else if (applied.scheduler !== server.scheduler || applied.timeout !== server.timeout) {
      check(this.ipvs.updateVirtualServer(spec));
      applied.scheduler = server.scheduler;
      applied.timeout = server.timeout;
    }
    const wanted = new Map(server.realServers.map((real) => [`${real.address}:${real.port}`, real]));
    for (const [endpoint, real] of applied.servers) {
      if (!wanted.has(endpoint)) check(this.ipvs.deleteRealServer(key, real));
    }
    for (const [endpoint, real] of wanted) {
      const had = applied.servers.get(endpoint);
      if (!had) check(this.ipvs.addRealServer(key, real));
      else if (had.weight !== real.weight) check(this.ipvs.updateRealServer(key, real));
    }
    applied.servers = wanted;
  }

  private bindAddresses(device: string, addresses: readonly string[]): void {
    if (!this.namespace.device(device)) this.namespace.addDevice(new DummyDevice(device, '00:00:00:00:00:00', 1500));
    const wanted = new Set(addresses);
    for (const address of this.bound) {
      if (wanted.has(address)) continue;
      this.namespace.removeAddress(device, `${address}/32`);
      this.bound.delete(address);
    }
    for (const address of wanted) {
      if (this.bound.has(address)) continue;
      this.namespace.addAddress(device, `${address}/32`);
      this.bound.add(address);
    }
  }
}
