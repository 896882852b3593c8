// ResourceQuotas: per-namespace limits on resources and object counts, with the quota controller's usage in
// status.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { resetStatus, statusSubresource } from '../definition-helpers.ts';
import { setResourceQuotaDefaults } from '../../defaults/core.ts';
import {
  validateResourceQuota,
  validateResourceQuotaStatusUpdate,
  validateResourceQuotaUpdate,
} from '../../validation/core/resource-quota.ts';

export const resourceQuotasResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ResourceQuota',
  listKind: 'ResourceQuotaList',
  resource: 'resourcequotas',
  singular: 'resourcequota',
  namespaced: true,
  shortNames: ['quota'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.ResourceQuota',
  subresources: { status: statusSubresource('', 'ResourceQuota') },
  strategy: {
    defaults: setResourceQuotaDefaults,
    prepareForCreate: (quota) => resetStatus(quota, {}),
    validate: (quota) => validateResourceQuota(quota),
    validateUpdate: (quota, old) => validateResourceQuotaUpdate(quota, old),
    validateStatusUpdate: (quota) => validateResourceQuotaStatusUpdate(quota),
    returnDeletedObject: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
