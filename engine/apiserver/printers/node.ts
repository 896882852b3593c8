// Node rows: STATUS from the Ready condition (plus SchedulingDisabled when cordoned), ROLES from node-role
// labels, the kubelet VERSION, and with `-o wide` the addresses and what the node runs.

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN, wideColumn } from './columns.ts';
import { bool, list, str } from './read.ts';
import { age } from './time.ts';

const ROLE_LABEL_PREFIX = 'node-role.kubernetes.io/';
const ROLE_LABEL = 'kubernetes.io/role';

function nodeStatus(node: KubeObject): string {
  const ready = list(node.status, 'conditions').findLast((c) => str(c, 'type') === 'Ready');
  const status = [ready === undefined ? 'Unknown' : str(ready, 'status') === 'True' ? 'Ready' : 'NotReady'];
  if (bool(node.spec, 'unschedulable')) status.push('SchedulingDisabled');
  return status.join(',');
}

/** Roles named by node-role.kubernetes.io/<role> labels and the kubernetes.io/role label, sorted. */
function nodeRoles(node: KubeObject): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(node.metadata.labels ?? {})) {
    if (key.startsWith(ROLE_LABEL_PREFIX)) {
      const role = key.slice(ROLE_LABEL_PREFIX.length);
      if (role !== '') roles.add(role);
    } else if (key === ROLE_LABEL && value !== '') {
      roles.add(value);
    }
  }
  return roles.size === 0 ? '<none>' : [...roles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).join(',');
}

function address(node: KubeObject, type: string): string {
  const found = list(node.status, 'addresses').find((a) => str(a, 'type') === type);
  return found === undefined ? '<none>' : str(found, 'address');
}

const info = (node: KubeObject, key: string) => str(node.status, 'nodeInfo', key) || '<unknown>';

export const nodePrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    column('Status', 'Whether the node is ready, and whether new pods may be scheduled on it.'),
    column('Roles', 'The roles the node-role labels give the node.'),
    AGE_COLUMN,
    column('Version', 'The version of the kubelet on the node.'),
    wideColumn('Internal-IP', 'The first internal address of the node.'),
    wideColumn('External-IP', 'The first external address of the node.'),
    wideColumn('OS-Image', 'The operating system image the node reports.'),
    wideColumn('Kernel-Version', 'The kernel version the node reports.'),
    wideColumn('Container-Runtime', 'The container runtime and its version.'),
  ],
  row: (node, now) => [
    node.metadata.name ?? '',
    nodeStatus(node),
    nodeRoles(node),
    age(node, now),
    str(node.status, 'nodeInfo', 'kubeletVersion'),
    address(node, 'InternalIP'),
    address(node, 'ExternalIP'),
    info(node, 'osImage'),
    info(node, 'kernelVersion'),
    info(node, 'containerRuntimeVersion'),
  ],
};
