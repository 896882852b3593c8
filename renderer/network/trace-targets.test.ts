import { describe, expect, it } from 'vitest';
import { TOPOLOGY } from '../testing/network-fixture.ts';
import { expandTarget, needsSummary, serviceTarget, traceSources, traceTargets } from './trace-targets.ts';

describe('the trace form', () => {
  it('offers each node and its pods as sources', () => {
    expect(traceSources(TOPOLOGY)).toEqual([
      {
        node: 'node-1',
        options: [
          { value: 'node/node-1', label: 'node node-1 (172.18.0.3)' },
          { value: 'pod/default/client', label: 'default/client (10.244.1.2)' },
          { value: 'pod/default/web-a', label: 'default/web-a (10.244.1.3)' },
        ],
      },
      {
        node: 'node-2',
        options: [
          { value: 'node/node-2', label: 'node node-2 (172.18.0.4)' },
          { value: 'pod/default/web-b', label: 'default/web-b (10.244.2.2)' },
        ],
      },
    ]);
  });

  it("offers a target per Service's TCP port: a URL for port 80, by ClusterIP from a node", () => {
    expect(traceTargets(TOPOLOGY, 'pod/default/client')).toEqual(['http://web.default/', 'kube-dns.kube-system:53']);
    expect(traceTargets(TOPOLOGY, 'node/node-1')).toEqual(['http://10.96.0.50/', '10.96.0.10:53']);
    expect(serviceTarget(TOPOLOGY.services[1]!, '')).toBe('kube-dns.kube-system:53');
    expect(serviceTarget({ ...TOPOLOGY.services[1]!, ports: [] }, '')).toBe('kube-dns.kube-system');
  });

  it("takes a bare Service name from a pod as the Service's target", () => {
    expect(expandTarget('web', 'pod/default/client', TOPOLOGY)).toBe('http://web.default/');
    expect(expandTarget('kube-dns.kube-system', 'pod/default/client', TOPOLOGY)).toBe('kube-dns.kube-system:53');
    expect(expandTarget('kube-dns', 'pod/default/client', TOPOLOGY)).toBe('kube-dns');
    expect(expandTarget('web', 'node/node-1', TOPOLOGY)).toBe('web');
    expect(expandTarget('web.default.svc.cluster.local', 'pod/default/client', TOPOLOGY)).toBe(
      'web.default.svc.cluster.local',
    );
    expect(expandTarget('http://web/', 'pod/default/client', TOPOLOGY)).toBe('http://web/');
  });

  it('summarizes beyond 10 nodes or 200 pods', () => {
    expect(needsSummary(TOPOLOGY)).toBe(false);
    const many = Array.from({ length: 11 }, (_, i) => ({ ...TOPOLOGY.nodes[0]!, name: `n${i}` }));
    expect(needsSummary({ ...TOPOLOGY, nodes: many })).toBe(true);
    const crowded = { ...TOPOLOGY.nodes[0]!, pods: Array.from({ length: 201 }, () => TOPOLOGY.nodes[0]!.pods[0]!) };
    expect(needsSummary({ ...TOPOLOGY, nodes: [crowded] })).toBe(true);
    expect(needsSummary(undefined)).toBe(false);
  });
});
