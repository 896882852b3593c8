// SchedulingGates (plugins/schedulinggates): a pod with spec.schedulingGates stays out of the active queue until the
// last gate is removed (the API server gives it the PodScheduled=False/SchedulingGated condition).

import type { KubeObject } from '../../../api/object.ts';
import type { Pod } from '../../framework/api-types.ts';
import { ActionType } from '../../framework/events.ts';
import type { ClusterEventWithHint, QueueingHint } from '../../framework/events.ts';
import type { EnqueueExtensions, PreEnqueuePlugin } from '../../framework/interface.ts';
import { Status } from '../../framework/status.ts';
import * as names from '../names.ts';

export const Name = names.SchedulingGates;

export class SchedulingGatesPlugin implements PreEnqueuePlugin, EnqueueExtensions {
  readonly name = Name;

  preEnqueue(pod: Pod): Status | null {
    const gates = pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return null;
    // Go prints a []string as [a b].
    const listed = `[${gates.map((g) => g.name).join(' ')}]`;
    return new Status('UnschedulableAndUnresolvable', [`waiting for scheduling gates: ${listed}`]);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated },
        queueingHintFn: isSchedulableAfterUpdatePodSchedulingGatesEliminated,
      },
    ];
  }
}

function isSchedulableAfterUpdatePodSchedulingGatesEliminated(
  pod: Pod,
  _old: KubeObject | undefined,
  changed: KubeObject | undefined,
): QueueingHint {
  return changed?.metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
}

export function newSchedulingGates(): SchedulingGatesPlugin {
  return new SchedulingGatesPlugin();
}
