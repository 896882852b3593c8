// Deployments (pkg/registry/apps/deployment): declarative rollouts of ReplicaSets, with scale and status
// sub-resources. A spec change — or an annotation change, which rollbacks use — bumps metadata.generation.

import { deepEqual } from '../../../api/json.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import {
  SCALE_SUBRESOURCE,
  keepMetadata,
  resetStatus,
  statusSubresource,
  warnIfNameNotDNSLabel,
} from '../definition-helpers.ts';
import { setDeploymentDefaults } from '../../defaults/apps.ts';
import { validateDeployment, validateDeploymentStatusUpdate, validateDeploymentUpdate } from '../../validation/apps.ts';

export const deploymentsResource: ResourceDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  listKind: 'DeploymentList',
  resource: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.apps.v1.Deployment',
  subresources: {
    scale: SCALE_SUBRESOURCE,
    status: statusSubresource('apps', 'Deployment'),
  },
  scale: {
    specReplicasPath: '.spec.replicas',
    statusReplicasPath: '.status.replicas',
    labelSelectorPath: '.spec.selector',
  },
  strategy: {
    defaults: setDeploymentDefaults,
    prepareForCreate: (deployment) => resetStatus(deployment, {}),
    prepareForUpdate(deployment, old) {
      if (!deepEqual(deployment.metadata.annotations ?? null, old.metadata.annotations ?? null)) {
        deployment.metadata.generation = (old.metadata.generation ?? 0) + 1;
      }
    },
    // A deployment's status writer (the controller) must not change its labels.
    prepareForStatusUpdate: (deployment, old) => keepMetadata(deployment, old, ['labels']),
    validate(deployment, ctx) {
      warnIfNameNotDNSLabel(deployment, ctx, 'Pod names and hostnames');
      return validateDeployment(deployment);
    },
    validateUpdate: (deployment, old) => validateDeploymentUpdate(deployment, old),
    validateStatusUpdate: (deployment, old) => validateDeploymentStatusUpdate(deployment, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
