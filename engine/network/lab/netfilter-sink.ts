// Where a node's kube-proxy puts its rules: iptables-restore --noflush into the node namespace's tables, the jump
// rules from the built-in chains inserted when missing (the target chain made with `-N`, then `iptables -C`, `-I`),
// and in IPVS mode the ipsets its rules match on (ipset-sync.ts), the virtual and real servers reconciled with what
// kube-proxy computed (those unchanged since the last sync left alone, as kube-proxy compares before it writes), and
// the Service addresses bound to the kube-ipvs0 dummy device. A restore that fails leaves the tables as they were; the
// error is kept, as kube-proxy logs it, and the failure reported, so that kube-proxy's next sync is a full one.

import type { JumpRule } from '../../node/kube-proxy/iptables-chains.ts';
import type { ProxyRulesSink } from '../../node/kube-proxy/kube-proxy.ts';
import type { IpvsState } from '../../node/kube-proxy/ipvs-state.ts';
import { DummyDevice } from '../device.ts';
import { randomMac } from '../mac.ts';
import type { NetworkNamespace } from '../namespace.ts';
import type { IpvsProtocol, VirtualServerKey } from '../netfilter/ipvs.ts';
import type { IpvsSchedulerName } from '../netfilter/ipvs-scheduler.ts';
import type { NetfilterStack } from '../netfilter/netfilter-stack.ts';
import { syncIpsets } from './ipset-sync.ts';

export class NetfilterSink implements ProxyRulesSink {
  /** The last failure, as kube-proxy would log it; undefined once a sync applied cleanly. */
  lastError: string | undefined;
  /** The virtual servers this sink programmed, with what they were programmed with: unchanged ones are skipped. */
  private readonly ipvsApplied = new Map<string, { key: VirtualServerKey; signature: string }>();

  constructor(
    private readonly stack: NetfilterStack,
    private readonly namespace: NetworkNamespace,
    private readonly random: () => number,
  ) {}

  applyIptables(restoreText: string): boolean {
    const result = this.stack.iptables.restore(restoreText, { noflush: true });
    this.lastError = result.ok ? undefined : `${result.error}: ${result.detail}`;
    return result.ok;
  }

  ensureJumpRules(rules: readonly JumpRule[]): void {
    for (const rule of rules) {
      const target = rule.args[rule.args.indexOf('-j') + 1];
      if (target !== undefined) this.stack.iptables.exec(['-t', rule.table, '-N', target]);
      const check = this.stack.iptables.exec(['-t', rule.table, '-C', rule.chain, ...rule.args]);
      if (check.ok) continue;
      const insert = this.stack.iptables.exec(['-t', rule.table, '-I', rule.chain, ...rule.args]);
      if (!insert.ok) this.lastError = insert.error;
    }
  }

  applyIpvs(state: IpvsState): void {
    this.bindAddresses(state.dummyDevice, state.addresses);
    this.lastError ??= syncIpsets(this.stack.ipsets, state.ipsets);
    const ipvs = this.stack.ipvs;
    const wanted = new Map<string, IpvsState['virtualServers'][number]>();
    for (const vs of state.virtualServers) {
      const protocol = vs.protocol.toLowerCase();
      if (protocol === 'tcp' || protocol === 'udp') wanted.set(`${protocol}/${vs.address}:${vs.port}`, vs);
    }
    for (const [key, applied] of this.ipvsApplied) {
      if (wanted.has(key)) continue;
      ipvs.deleteVirtualServer(applied.key);
      this.ipvsApplied.delete(key);
    }
    for (const [id, vs] of wanted) {
      const signature = ipvsSignature(vs);
      if (this.ipvsApplied.get(id)?.signature === signature) continue;
      const key: VirtualServerKey = {
        protocol: vs.protocol.toLowerCase() as IpvsProtocol,
        address: vs.address,
        port: vs.port,
      };
      const spec = { ...key, scheduler: vs.scheduler as IpvsSchedulerName, timeout: vs.timeout };
      if (!ipvs.updateVirtualServer(spec).ok) ipvs.addVirtualServer(spec);
      const servers = new Map(vs.realServers.map((rs) => [`${rs.address}:${rs.port}`, rs]));
      for (const rs of ipvs.getRealServers(key)) {
        if (!servers.has(`${rs.address}:${rs.port}`)) ipvs.deleteRealServer(key, rs);
      }
      for (const rs of servers.values()) {
        if (!ipvs.updateRealServer(key, rs).ok) ipvs.addRealServer(key, rs);
      }
      this.ipvsApplied.set(id, { key, signature });
    }
  }

  /** kube-ipvs0 holds exactly the Service addresses (/32 each): added when new, removed when gone. */
  private bindAddresses(deviceName: string, addresses: readonly string[]): void {
    let device = this.namespace.device(deviceName);
    if (device === undefined) {
      device = new DummyDevice(deviceName, randomMac(this.random), 1500);
      device.up = false;
      this.namespace.addDevice(device);
    }
    const wanted = new Set(addresses);
    for (const address of [...device.addresses]) {
      if (!wanted.has(address.text)) this.namespace.removeAddress(deviceName, `${address.text}/${address.prefix}`);
    }
    const bound = new Set(device.addresses.map((a) => a.text));
    for (const address of wanted) if (!bound.has(address)) this.namespace.addAddress(deviceName, `${address}/32`);
  }
}

/** What a virtual server is programmed with: its scheduler, persistence and real servers. */
function ipvsSignature(vs: IpvsState['virtualServers'][number]): string {
  let signature = `${vs.scheduler}/${vs.timeout}`;
  for (const rs of vs.realServers) signature += ` ${rs.address}:${rs.port}*${rs.weight}`;
  return signature;
}
