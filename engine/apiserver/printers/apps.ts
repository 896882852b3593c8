// Table columns of the apps API group: Deployment, ReplicaSet, StatefulSet, DaemonSet and ControllerRevision.

import { parseApiVersion } from '../../api/object.ts';
import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import {
  AGE_COLUMN,
  column,
  CONTAINERS_COLUMN,
  containerCells,
  IMAGES_COLUMN,
  NAME_COLUMN,
  wideColumn,
} from './columns.ts';
import { formatLabels, formatLabelSelector, selectorString } from './label-selector.ts';
import { field, int } from './read.ts';
import { age } from './time.ts';

const SELECTOR_COLUMN = wideColumn('Selector', 'The label selector of the pods the controller manages.');

const templateCells = (obj: KubeObject) => containerCells(field(obj.spec, 'template', 'spec'));

const deploymentPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Ready replicas out of the replicas wanted.'),
    column('Up-to-date', 'How many replicas run the latest pod template.'),
    column('Available', 'How many replicas have been ready long enough to count as available.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (d, now) => [
    d.metadata.name ?? '',
    `${int(d.status, 'readyReplicas')}/${int(d.spec, 'replicas')}`,
    int(d.status, 'updatedReplicas'),
    int(d.status, 'availableReplicas'),
    age(d, now),
    ...templateCells(d),
    selectorString(field(d.spec, 'selector')) ?? '<invalid>',
  ],
};

const replicaSetPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'How many replicas are wanted.', { type: 'integer' }),
    column('Current', 'How many replicas exist.', { type: 'integer' }),
    column('Ready', 'How many replicas are ready.', { type: 'integer' }),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (rs, now) => [
    rs.metadata.name ?? '',
    int(rs.spec, 'replicas'),
    int(rs.status, 'replicas'),
    int(rs.status, 'readyReplicas'),
    age(rs, now),
    ...templateCells(rs),
    formatLabelSelector(field(rs.spec, 'selector')),
  ],
};

const statefulSetPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'Ready replicas out of the replicas wanted.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
  ],
  row: (ss, now) => [
    ss.metadata.name ?? '',
    `${int(ss.status, 'readyReplicas')}/${int(ss.spec, 'replicas')}`,
    age(ss, now),
    ...templateCells(ss),
  ],
};

const daemonSetPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'On how many nodes the daemon pod should run.', { type: 'integer' }),
    column('Current', 'On how many nodes a daemon pod is scheduled.', { type: 'integer' }),
    column('Ready', 'How many daemon pods are ready.', { type: 'integer' }),
    column('Up-to-date', 'How many daemon pods run the latest pod template.', { type: 'integer' }),
    column('Available', 'How many daemon pods are available.', { type: 'integer' }),
    column('Node Selector', 'The node labels a node needs to run the daemon pod.'),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    SELECTOR_COLUMN,
  ],
  row: (ds, now) => [
    ds.metadata.name ?? '',
    int(ds.status, 'desiredNumberScheduled'),
    int(ds.status, 'currentNumberScheduled'),
    int(ds.status, 'numberReady'),
    int(ds.status, 'updatedNumberScheduled'),
    int(ds.status, 'numberAvailable'),
    formatLabels(field(ds.spec, 'template', 'spec', 'nodeSelector')),
    age(ds, now),
    ...templateCells(ds),
    formatLabelSelector(field(ds.spec, 'selector')),
  ],
};

/** The controlling owner as "kind.group/name" in lower case ("statefulset.apps/web"), or "<none>". */
function controllerOf(obj: KubeObject): string {
  const owner = obj.metadata.ownerReferences?.find((ref) => ref.controller === true);
  if (owner === undefined) return '<none>';
  const { group } = parseApiVersion(owner.apiVersion);
  const groupKind = group === '' ? owner.kind : `${owner.kind}.${group}`;
  return groupKind === '' ? owner.name : `${groupKind.toLowerCase()}/${owner.name}`;
}

const controllerRevisionPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Controller', 'The object that owns this revision, as kind.group/name.'),
    column('Revision', 'The revision number this object records.'),
    AGE_COLUMN,
  ],
  row: (rev, now) => [rev.metadata.name ?? '', controllerOf(rev), int(rev, 'revision'), age(rev, now)],
};

export const appsPrinters: Readonly<Record<string, TableConvertor>> = {
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
};
