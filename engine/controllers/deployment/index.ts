// The workload controllers of this folder and of ../replicaset, built from the controller manager's shared context:
// Deployment, ReplicaSet and ReplicationController — the Deployment and ReplicaSet controllers sharing the pod and
// ReplicaSet informers, both indexed by controller uid.

import type { Controller, ControllerContext } from '../controller-context.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import { ReplicaSetController } from '../replicaset/replica-set-controller.ts';
import { REPLICATION_CONTROLLER_KIND, REPLICA_SET_KIND } from '../replicaset/replica-set-kind.ts';
import { DeploymentController } from './deployment-controller.ts';

const PODS = { group: '', version: 'v1', resource: 'pods' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };

export function deploymentControllers(ctx: ControllerContext): Controller[] {
  const pods = controllerIndexedInformer(ctx.informers, PODS);
  const replicaSets = controllerIndexedInformer(ctx.informers, REPLICA_SET_KIND.gvr);
  const replicationControllers = controllerIndexedInformer(ctx.informers, REPLICATION_CONTROLLER_KIND.gvr);
  return [
    new DeploymentController({
      client: ctx.client,
      clock: ctx.clock,
      recorder: ctx.recorder('deployment-controller'),
      deployments: ctx.informers.informerFor(DEPLOYMENTS),
      replicaSets,
      pods,
    }),
    ReplicaSetController.fromContext(ctx, REPLICA_SET_KIND, replicaSets, pods),
    ReplicaSetController.fromContext(ctx, REPLICATION_CONTROLLER_KIND, replicationControllers, pods),
  ];
}
