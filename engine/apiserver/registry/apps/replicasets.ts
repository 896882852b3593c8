// ReplicaSets (pkg/registry/apps/replicaset): keep a number of pods matching a selector running; scale and status
// sub-resources; listable by status.replicas.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { SCALE_SUBRESOURCE, resetStatus, statusSubresource, warnIfNameNotDNSLabel } from '../definition-helpers.ts';
import { setReplicaSetDefaults } from '../../defaults/apps.ts';
import { num, recordOrEmpty } from '../../validation/access.ts';
import { validateReplicaSet, validateReplicaSetStatusUpdate, validateReplicaSetUpdate } from '../../validation/apps.ts';

export const replicaSetsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'ReplicaSet',
  listKind: 'ReplicaSetList',
  resource: 'replicasets',
  singular: 'replicaset',
  namespaced: true,
  shortNames: ['rs'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.ReplicaSet',
  subresources: {
    scale: SCALE_SUBRESOURCE,
    status: statusSubresource('apps', 'ReplicaSet'),
  },
  scale: {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  },
  strategy: {
    defaults: setReplicaSetDefaults,
    prepareForCreate: (replicaSet) => resetStatus(replicaSet, { replicas: 0 }),
    validate(replicaSet, ctx) {
      warnIfNameNotDNSLabel(replicaSet, ctx, 'Pod names and hostnames');
      return validateReplicaSet(replicaSet);
    },
    validateUpdate: (replicaSet, old) => validateReplicaSetUpdate(replicaSet, old),
    validateStatusUpdate: (replicaSet) => validateReplicaSetStatusUpdate(replicaSet),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'status.replicas': (replicaSet) => String(num(recordOrEmpty(replicaSet.status).replicas)),
  },
};
