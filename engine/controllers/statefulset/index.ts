// The StatefulSet controller built from the controller manager's shared context, with the pod and ControllerRevision
// informers indexed by controller uid (shared with the other workload controllers) and a PersistentVolumeClaim
// informer for the claims its pods mount.

import type { Controller, ControllerContext } from '../controller-context.ts';
import { CONTROLLER_REVISIONS } from '../common/controller-history.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import { PERSISTENT_VOLUME_CLAIMS, PODS } from './stateful-pod-control.ts';
import { STATEFULSETS } from './stateful-set-control.ts';
import { StatefulSetController } from './stateful-set-controller.ts';

export function statefulSetControllers(ctx: ControllerContext): Controller[] {
  return [
    new StatefulSetController({
      client: ctx.client,
      clock: ctx.clock,
      recorder: ctx.recorder('statefulset-controller'),
      statefulSets: ctx.informers.informerFor(STATEFULSETS),
      pods: controllerIndexedInformer(ctx.informers, PODS),
      revisions: controllerIndexedInformer(ctx.informers, CONTROLLER_REVISIONS),
      claims: ctx.informers.informerFor(PERSISTENT_VOLUME_CLAIMS),
    }),
  ];
}
