// MarkPodsNotReady (pkg/controller/util/node): when a node stops being Ready, the controller sets the Ready
// condition of its pods False — the kubelet that would do it is unreachable — so Services stop sending them traffic,
// and records a NodeNotReady event on each pod.

import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';
import type { Pod } from '../common/workload-types.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };

/** Marks the node's pods not ready; throws once all were tried if some could not be written. */
export async function markPodsNotReady(
  client: InProcessClient,
  recorder: EventRecorder,
  clock: Clock,
  pods: readonly Pod[],
  nodeName: string,
): Promise<void> {
  const failures: string[] = [];
  for (const pod of pods) {
    if (pod.spec?.nodeName !== nodeName) continue;
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    if (!ready || ready.status === 'False') continue;
    try {
      await client.patch(
        PODS,
        pod.metadata.namespace ?? '',
        pod.metadata.name ?? '',
        'strategic',
        { status: { conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: rfc3339(clock.now()) }] } },
        { subresource: 'status' },
      );
    } catch (error) {
      // A pod that is gone needs nothing more.
      if (isStatusError(error, 'NotFound')) continue;
      failures.push(error instanceof Error ? error.message : String(error));
    }
    recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}
