// Runs PacketTraces (lab.kubelab.io/v1alpha1, namespaced): for each one whose spec it has not traced yet, sends the
// request from the pod (of the trace's namespace) or node it names to its target through the data plane, and writes
// how it ended and every hop into its status — Succeeded, Failed (refused, timed out, NXDOMAIN…) or Invalid (no such
// pod or node, a target that does not parse). A changed spec is traced again.

import type { KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import { LAB_GROUP, LAB_VERSION } from '../../lab/lab-resources.ts';
import type { NetworkLab } from './network-lab.ts';
import { parseTraceTarget, tracePacket } from './packet-tracer.ts';
import type { PacketTraceResult } from './packet-tracer.ts';

type Status = Record<string, unknown>;

function keyOf(trace: KubeObject): string {
  return `${trace.metadata.namespace ?? ''}/${trace.metadata.name ?? ''}`;
}

/** The sender's namespace name, or what is wrong with `spec.from`. */
function senderOf(trace: KubeObject): { namespace: string } | { invalid: string } {
  const spec = isPlainObject(trace['spec']) ? trace['spec'] : {};
  const from = isPlainObject(spec['from']) ? spec['from'] : {};
  const pod = typeof from['pod'] === 'string' ? from['pod'] : '';
  const node = typeof from['node'] === 'string' ? from['node'] : '';
  if ((pod === '') === (node === '')) return { invalid: 'spec.from must name exactly one of pod and node' };
  return { namespace: pod ? `pod/${trace.metadata.namespace ?? ''}/${pod}` : `node/${node}` };
}

function statusOf(result: PacketTraceResult): Status {
  return {
    phase: result.phase,
    ...(result.address !== undefined && { address: result.address }),
    result: result.result,
    lookups: result.lookups.map((lookup) => ({ nameserver: lookup.dst, outcome: lookup.outcome, hops: lookup.hops })),
    hops: result.hops,
  };
}

export class PacketTraceController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly traces: SharedInformer,
    private readonly lab: NetworkLab,
  ) {
    this.queue = new WorkQueue(clock, 'packettrace');
    traces.addEventHandler({
      onAdd: (t) => this.queue.add(keyOf(t)),
      onUpdate: (_old, t) => this.queue.add(keyOf(t)),
    });
  }

  run(): void {
    runWorkers(this.queue, 1, (key) => this.sync(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private async sync(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const trace = this.traces.lister.get(namespace, name);
    if (!trace || trace.metadata.deletionTimestamp) return;
    const generation = trace.metadata.generation ?? 0;
    const current = isPlainObject(trace['status']) ? trace['status'] : {};
    if (current['observedGeneration'] === generation) return;
    const spec = isPlainObject(trace['spec']) ? trace['spec'] : {};
    const sender = senderOf(trace);
    const target = parseTraceTarget(typeof spec['to'] === 'string' ? spec['to'] : '');
    let status: Status;
    if ('invalid' in sender) status = { phase: 'Invalid', message: sender.invalid };
    else if (typeof target === 'string') status = { phase: 'Invalid', message: `spec.to ${target}` };
    else if (this.lab.network.lookup(sender.namespace) === undefined) {
      status = {
        phase: 'Invalid',
        message: `${sender.namespace.replace(/^pod\/[^/]*\//, 'pod/')} has no network namespace`,
      };
    } else status = statusOf(await tracePacket(this.lab, sender.namespace, target));
    await this.write(trace, { ...status, observedGeneration: generation });
  }

  private async write(trace: KubeObject, status: Status): Promise<void> {
    const path = `/apis/${LAB_GROUP}/${LAB_VERSION}/namespaces/${trace.metadata.namespace}/packettraces/${trace.metadata.name}/status`;
    try {
      await this.client.request('PATCH', path, {
        contentType: 'application/merge-patch+json',
        body: { status: { lookups: null, hops: null, address: null, message: null, result: null, ...status } },
      });
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
  }
}
