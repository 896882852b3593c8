// DaemonSets (pkg/registry/apps/daemonset): one pod per eligible node; a status sub-resource but no scale.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setDaemonSetDefaults } from '../../defaults/apps.ts';
import { validateDaemonSet, validateDaemonSetStatusUpdate, validateDaemonSetUpdate } from '../../validation/apps.ts';

/** DaemonSetStatus as Go writes an empty one (its four counters have no omitempty). */
const EMPTY_STATUS = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };

export const daemonSetsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  listKind: 'DaemonSetList',
  resource: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.DaemonSet',
  subresources: { status: statusSubresource('apps', 'DaemonSet') },
  strategy: {
    defaults: setDaemonSetDefaults,
    prepareForCreate: (daemonSet) => resetStatus(daemonSet, EMPTY_STATUS),
    validate: (daemonSet) => validateDaemonSet(daemonSet),
    validateUpdate: (daemonSet, old) => validateDaemonSetUpdate(daemonSet, old),
    validateStatusUpdate: (daemonSet, old) => validateDaemonSetStatusUpdate(daemonSet, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
