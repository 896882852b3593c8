// The network panel's requests, answered from the lab's data plane: the topology (nodes, devices, pods, tunnels and
// the Services through the API), a packet trace from a pod or node to a target, the requests programs sent (kept
// with their hops), and a node's netfilter rules.

import type { Cluster } from '../../engine/cluster/cluster.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import type { NetworkLab } from '../../engine/network/lab/network-lab.ts';
import type { KeptTrace } from '../../engine/network/lab/trace-log.ts';
import { parseTraceTarget, tracePacket } from '../../engine/network/lab/packet-tracer.ts';
import type { HostResult, NetworkExchange, NetworkTrace } from '../../engine/protocol/host-api.ts';
import { HostFailure, badRequest, notFound } from './host-failure.ts';
import { networkServices } from './network-services.ts';
import { networkNodes } from './network-topology.ts';

/** `pod/<namespace>/<name>` or `node/<name>`. */
const TRACE_SOURCE =
  /^(pod\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?|node\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?)$/;
const MAX_TARGET = 2048;

function exchangeOf({ id, from, program, protocol, dst, dstPort, outcome, hops }: KeptTrace): NetworkExchange {
  return { id, from, program, protocol, dst, dstPort, outcome, hops };
}

export class NetworkView {
  constructor(
    private readonly cluster: Cluster,
    private readonly client: InProcessClient,
  ) {}

  async topology(): Promise<HostResult<'network.topology'>> {
    const lab = this.lab();
    return {
      cni: lab.cni,
      proxyMode: lab.proxyMode,
      nodes: networkNodes(lab.network),
      services: await networkServices(this.client),
    };
  }

  async trace(from: unknown, to: unknown): Promise<NetworkTrace> {
    if (typeof from !== 'string' || !TRACE_SOURCE.test(from)) {
      throw badRequest('from must be pod/<namespace>/<name> or node/<name>');
    }
    if (typeof to !== 'string' || to.length > MAX_TARGET) throw badRequest('to must be a string');
    const target = parseTraceTarget(to.trim());
    if (typeof target === 'string') {
      throw new HostFailure({
        code: 422,
        reason: 'Invalid',
        message: `to: Invalid value: "${to}": ${target}`,
        field: 'to',
      });
    }
    const result = await tracePacket(this.lab(), from, target);
    return {
      phase: result.phase,
      ...(result.address !== undefined && { address: result.address }),
      protocol: result.protocol,
      port: result.port,
      result: result.result,
      lookups: result.lookups.map(exchangeOf),
      hops: result.hops,
    };
  }

  requests(from: unknown): HostResult<'network.requests'> {
    if (from !== undefined && typeof from !== 'string') throw badRequest('from must be a namespace name');
    const kept = this.lab().traces.list(from);
    return {
      items: kept.reverse().map((trace) => {
        const { hops, ...request } = exchangeOf(trace);
        return { ...request, time: new Date(trace.time).toISOString(), hopCount: hops.length };
      }),
    };
  }

  request(id: unknown): NetworkExchange {
    if (!Number.isInteger(id)) throw badRequest('id must be a whole number');
    const kept = this.lab()
      .traces.list()
      .find((trace) => trace.id === id);
    if (kept === undefined) throw notFound(`request ${String(id)} is no longer kept`);
    return exchangeOf(kept);
  }

  rules(node: unknown): HostResult<'network.rules'> {
    if (typeof node !== 'string') throw badRequest('node must be a name');
    const stack = this.lab().netfilter(node);
    if (stack === undefined) throw notFound(`node "${node}" has no network namespace`);
    return { iptablesSave: stack.iptables.save(), ipvs: stack.ipvs.list() };
  }

  private lab(): NetworkLab {
    const lab = this.cluster.networkLab;
    if (lab === undefined) throw notFound('this lab has no data plane: it was started with --cni none');
    return lab;
  }
}
