import { describe, expect, it } from 'vitest';
import type { IpsetState } from '../../node/kube-proxy/ipsets.ts';
import { IpsetTable } from '../netfilter/ipset-table.ts';
import { syncIpsets } from './ipset-sync.ts';

const set = (name: string, type: IpsetState['type'], entries: string[]): IpsetState => ({
  name,
  type,
  comment: '',
  entries,
});

describe("kube-proxy's ipsets written into a namespace", () => {
  it('creates the sets, then adds what is new and deletes what is gone without emptying a set', () => {
    const table = new IpsetTable();
    expect(
      syncIpsets(table, [set('KUBE-CLUSTER-IP', 'hash:ip,port', ['10.96.0.10,udp:53', '10.96.0.1,tcp:443'])]),
    ).toBe(undefined);
    const members = table.get('KUBE-CLUSTER-IP')!.members;
    expect([...members.keys()]).toEqual(['10.96.0.10,udp:53', '10.96.0.1,tcp:443']);
    syncIpsets(table, [
      set('KUBE-CLUSTER-IP', 'hash:ip,port', ['10.96.0.1,tcp:443', '10.96.0.20,tcp:80']),
      set('KUBE-NODE-PORT-TCP', 'bitmap:port', ['30080']),
    ]);
    expect([...members.keys()]).toEqual(['10.96.0.1,tcp:443', '10.96.0.20,tcp:80']);
    expect(table.get('KUBE-NODE-PORT-TCP')?.range).toEqual({ first: 0, last: 65535 });
  });

  it('compares entries as the kernel keeps them, and reports an entry it refuses', () => {
    const table = new IpsetTable();
    const sources = set('KUBE-LOAD-BALANCER-SOURCE-CIDR', 'hash:ip,port,net', ['172.18.255.200,tcp:80,192.0.2.9/32']);
    syncIpsets(table, [sources]);
    syncIpsets(table, [sources]);
    expect([...table.get(sources.name)!.members.keys()]).toEqual(['172.18.255.200,tcp:80,192.0.2.9']);
    expect(syncIpsets(table, [set('KUBE-NODE-PORT-TCP', 'bitmap:port', ['tcp:30080'])])).toBe(
      "ipset add KUBE-NODE-PORT-TCP tcp:30080: Syntax error: cannot parse 'tcp:30080' as a port",
    );
  });
});
