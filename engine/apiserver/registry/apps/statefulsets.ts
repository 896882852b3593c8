// StatefulSets (pkg/registry/apps/statefulset): pods with stable names and storage; only replicas, ordinals,
// template, update strategy, history limit, claim retention and minReadySeconds may change.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { SCALE_SUBRESOURCE, resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setStatefulSetDefaults } from '../../defaults/apps.ts';
import { nameIsDNSLabel } from '../../validation/names.ts';
import {
  validateStatefulSet,
  validateStatefulSetStatusUpdate,
  validateStatefulSetUpdate,
} from '../../validation/apps.ts';

export const statefulSetsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'StatefulSet',
  listKind: 'StatefulSetList',
  resource: 'statefulsets',
  singular: 'statefulset',
  namespaced: true,
  shortNames: ['sts'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.StatefulSet',
  subresources: {
    scale: SCALE_SUBRESOURCE,
    status: statusSubresource('apps', 'StatefulSet'),
  },
  scale: {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  },
  strategy: {
    defaults: setStatefulSetDefaults,
    prepareForCreate: (statefulSet) => resetStatus(statefulSet, { availableReplicas: 0, replicas: 0 }),
    validate: (statefulSet) => validateStatefulSet(statefulSet),
    validateUpdate: (statefulSet, old) => validateStatefulSetUpdate(statefulSet, old),
    validateStatusUpdate: (statefulSet, old) => validateStatefulSetStatusUpdate(statefulSet, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  validateName: nameIsDNSLabel,
};
