// The two kinds the ReplicaSet controller manages, as upstream runs the same controller for ReplicationControllers
// (the replication manager): their API coordinates, event source, queue name, and how each reads its selector — a
// metav1.LabelSelector for ReplicaSets, a plain equality map for ReplicationControllers.

import type { GroupVersionResource } from '../../api/object.ts';
import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { MetaLabelSelector } from '../../apiserver/selectors/label-selector.ts';
import type { ReplicaSet } from '../common/workload-types.ts';

export interface ReplicaSetKind {
  kind: 'ReplicaSet' | 'ReplicationController';
  apiVersion: string;
  gvr: GroupVersionResource;
  /** The controller's name in kube-controller-manager's --controllers. */
  controllerName: string;
  /** The event source component. */
  component: string;
  queueName: string;
  /** The selector; throws SelectorError for an invalid one. */
  selectorOf(rs: ReplicaSet): LabelSelector;
}

export const REPLICA_SET_KIND: ReplicaSetKind = {
  kind: 'ReplicaSet',
  apiVersion: 'apps/v1',
  gvr: { group: 'apps', version: 'v1', resource: 'replicasets' },
  controllerName: 'replicaset-controller',
  component: 'replicaset-controller',
  queueName: 'replicaset',
  selectorOf: (rs) => LabelSelector.fromLabelSelector(rs.spec?.selector as MetaLabelSelector | null | undefined),
};

export const REPLICATION_CONTROLLER_KIND: ReplicaSetKind = {
  kind: 'ReplicationController',
  apiVersion: 'v1',
  gvr: { group: '', version: 'v1', resource: 'replicationcontrollers' },
  controllerName: 'replicationcontroller-controller',
  component: 'replication-controller',
  queueName: 'replicationmanager',
  // The conversion to a ReplicaSet turns the map into matchLabels: absent selects nothing, empty everything.
  selectorOf: (rc) => {
    const selector = rc.spec?.selector as Record<string, string> | null | undefined;
    return selector ? LabelSelector.fromSet(selector) : LabelSelector.nothing();
  },
};
