// Table columns of the core ("") API group, by kind. Pods, nodes, services, events and volumes have files of
// their own; LimitRange has no columns upstream and gets the default table.

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
import { eventPrinter } from './event.ts';
import { formatLabels } from './label-selector.ts';
import { nodePrinter } from './node.ts';
import { podPrinter } from './pod.ts';
import { formatQuantity } from './quantity.ts';
import { count, field, int, list, record, str } from './read.ts';
import { endpointsPrinter, servicePrinter } from './service.ts';
import { age } from './time.ts';
import { persistentVolumeClaimPrinter, persistentVolumePrinter } from './volume.ts';

const podTemplatePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Containers', 'The names of the containers in the template.'),
    column('Images', 'The images the containers of the template run.'),
    column('Pod Labels', 'The labels the template gives its pods.'),
  ],
  row: (template) => [
    template.metadata.name ?? '',
    ...containerCells(field(template, 'template', 'spec')),
    formatLabels(field(template, 'template', 'metadata', 'labels')),
  ],
};

const namespacePrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Status', 'Active, or Terminating while the namespace is deleted.'), AGE_COLUMN],
  row: (ns, now) => [ns.metadata.name ?? '', str(ns.status, 'phase'), age(ns, now)],
};

const configMapPrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Data', 'How many keys the config map holds.'), AGE_COLUMN],
  row: (cm, now) => [cm.metadata.name ?? '', count(cm, 'data') + count(cm, 'binaryData'), age(cm, now)],
};

const secretPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Type', 'What kind of secret this is, such as Opaque or kubernetes.io/tls.'),
    column('Data', 'How many keys the secret holds.'),
    AGE_COLUMN,
  ],
  row: (secret, now) => [secret.metadata.name ?? '', str(secret, 'type'), count(secret, 'data'), age(secret, now)],
};

const serviceAccountPrinter: TableConvertor = {
  columns: [NAME_COLUMN, column('Secrets', 'How many secrets the service account lists.'), AGE_COLUMN],
  row: (sa, now) => [sa.metadata.name ?? '', count(sa, 'secrets'), age(sa, now)],
};

const replicationControllerPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'How many replicas are wanted.', { type: 'integer' }),
    column('Current', 'How many replicas exist.', { type: 'integer' }),
    column('Ready', 'How many replicas are ready.', { type: 'integer' }),
    AGE_COLUMN,
    CONTAINERS_COLUMN,
    IMAGES_COLUMN,
    wideColumn('Selector', 'The labels of the pods the controller manages.'),
  ],
  row: (rc, now) => [
    rc.metadata.name ?? '',
    int(rc.spec, 'replicas'),
    int(rc.status, 'replicas'),
    int(rc.status, 'readyReplicas'),
    age(rc, now),
    ...containerCells(field(rc.spec, 'template', 'spec')),
    formatLabels(field(rc.spec, 'selector')),
  ],
};

/** "resource: used/hard" for each quota resource, limits.* in one column and everything else in the other. */
function quotaUsage(quota: KubeObject): [requests: string, limits: string] {
  const hard = record(quota.status, 'hard');
  const requests: string[] = [];
  const limits: string[] = [];
  for (const resource of Object.keys(hard).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const entry = `${resource}: ${formatQuantity(field(quota.status, 'used', resource))}/${formatQuantity(hard[resource])}`;
    const pieces = resource.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limits : requests).push(entry);
  }
  return [requests.join(', '), limits.join(', ')];
}

const resourceQuotaPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('Request', 'Usage against each limit of the quota, except limits.* ones, as used/hard.'),
    column('Limit', 'Usage against each limits.* limit of the quota, as used/hard.'),
  ],
  row: (quota, now) => [quota.metadata.name ?? '', age(quota, now), ...quotaUsage(quota)],
};

function componentHealth(cs: KubeObject): [status: string, message: string, error: string] {
  const healthy = list(cs, 'conditions').find((c) => str(c, 'type') === 'Healthy');
  if (healthy === undefined) return ['Unknown', '', ''];
  return [str(healthy, 'status') === 'True' ? 'Healthy' : 'Unhealthy', str(healthy, 'message'), str(healthy, 'error')];
}

const componentStatusPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Status', 'Healthy or Unhealthy, from the health check of the component.'),
    column('Message', 'What the health check said.'),
    column('Error', 'The error of the health check, if it failed.'),
  ],
  row: (cs) => [cs.metadata.name ?? '', ...componentHealth(cs)],
};

export const corePrinters: Readonly<Record<string, TableConvertor>> = {
  Pod: podPrinter,
  PodTemplate: podTemplatePrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  ServiceAccount: serviceAccountPrinter,
  Event: eventPrinter,
  PersistentVolume: persistentVolumePrinter,
  PersistentVolumeClaim: persistentVolumeClaimPrinter,
  ReplicationController: replicationControllerPrinter,
  ResourceQuota: resourceQuotaPrinter,
  ComponentStatus: componentStatusPrinter,
};
