// ReplicationControllers (pkg/registry/core/replicationcontroller): the original workload controller, with scale
// and status sub-resources; its selector defaults to its template's labels.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { SCALE_SUBRESOURCE, resetStatus, statusSubresource, warnIfNameNotDNSLabel } from '../definition-helpers.ts';
import { setReplicationControllerDefaults } from '../../defaults/core.ts';
import { num, recordOrEmpty } from '../../validation/access.ts';
import {
  validateReplicationController,
  validateReplicationControllerStatus,
} from '../../validation/core/replication-controller.ts';

export const replicationControllersResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  listKind: 'ReplicationControllerList',
  resource: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.ReplicationController',
  subresources: {
    scale: SCALE_SUBRESOURCE,
    status: statusSubresource('', 'ReplicationController'),
  },
  scale: {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  },
  strategy: {
    defaults: setReplicationControllerDefaults,
    prepareForCreate: (rc) => resetStatus(rc, { replicas: 0 }),
    validate(rc, ctx) {
      warnIfNameNotDNSLabel(rc, ctx, 'Pod names and hostnames');
      return validateReplicationController(rc);
    },
    validateUpdate: (rc) => validateReplicationController(rc),
    validateStatusUpdate: (rc) => validateReplicationControllerStatus(rc),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'status.replicas': (rc) => String(num(recordOrEmpty(rc.status).replicas)),
  },
};
