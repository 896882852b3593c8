import { describe, expect, it } from 'vitest';
import type { NetworkTraceHop } from '../../engine/protocol/host-api.ts';
import { HOPS, TOPOLOGY, TRACE } from '../testing/network-fixture.ts';
import {
  chosenEndpoints,
  crossingOf,
  hopFocus,
  lastRuleHop,
  nodeOfNetns,
  traceWalk,
  tunnelInUse,
  tunnelUse,
  visitedNamespaces,
} from './trace-walk.ts';

describe('the walk of a trace', () => {
  it("walks the request's hops, after the DNS exchanges when asked", () => {
    expect(traceWalk(TRACE, false).map((s) => s.hop)).toEqual(HOPS);
    const withDns = traceWalk(TRACE, true);
    expect(withDns).toHaveLength(HOPS.length + 1);
    expect(withDns[0]?.section).toBe('DNS query 1 (10.96.0.10:53)');
    expect(withDns[1]?.section).toBe('request');
    expect(traceWalk(undefined, true)).toEqual([]);
  });

  it('lights the namespace and devices a hop concerns', () => {
    expect(hopFocus(HOPS[2]!)).toEqual({ netns: 'pod/default/client', devices: ['eth0'] });
    expect(hopFocus(HOPS[8]!)).toEqual({ netns: 'node/node-2', devices: ['cni0', 'veth20'] });
    expect(hopFocus(HOPS[4]!)).toEqual({ netns: 'node/node-1', devices: [] });
  });

  it('finds the node of a namespace', () => {
    expect(nodeOfNetns(TOPOLOGY, 'node/node-2')).toBe('node-2');
    expect(nodeOfNetns(TOPOLOGY, 'pod/default/web-b')).toBe('node-2');
    expect(nodeOfNetns(TOPOLOGY, 'pod/default/gone')).toBeUndefined();
  });

  it('keeps the trail, the chosen endpoint, the tunnel and the last rule', () => {
    const steps = traceWalk(TRACE, false);
    expect([...visitedNamespaces(steps, 4)]).toEqual(['pod/default/client', 'node/node-1']);
    expect([...chosenEndpoints(steps)]).toEqual(['10.244.2.2:80']);
    const [tunnel] = TOPOLOGY.nodes[0]!.tunnels;
    expect(tunnelUse(HOPS[7])).toEqual({ netns: 'node/node-1', remote: '172.18.0.4' });
    expect(tunnelInUse(tunnelUse(HOPS[7]), 'node/node-1', tunnel!)).toBe(true);
    expect(tunnelInUse(tunnelUse(HOPS[7]), 'node/node-2', tunnel!)).toBe(false);
    expect(tunnelInUse(tunnelUse(HOPS[1]), 'pod/default/client', tunnel!)).toBe(false);
    const routed: NetworkTraceHop = {
      kind: 'route',
      namespace: 'node/node-1',
      route: tunnel!.route,
      device: 'flannel.1',
      summary: '',
    };
    expect(tunnelInUse(tunnelUse(routed), 'node/node-1', tunnel!)).toBe(true);
    expect(tunnelUse(HOPS[6])).toBeUndefined();
    expect(crossingOf(tunnelUse(HOPS[7]), TOPOLOGY)).toEqual({
      from: 'node-1',
      to: 'node-2',
      how: 'VXLAN 172.18.0.3 → 172.18.0.4',
    });
    expect(crossingOf(tunnelUse(HOPS[1]), TOPOLOGY)).toBeUndefined();
    expect(lastRuleHop(steps, 3)).toBe(-1);
    expect(lastRuleHop(steps, 7)).toBe(5);
    expect(lastRuleHop(steps, 99)).toBe(5);
  });
});
