// LimitRanges: per-namespace bounds and defaults for container, pod and claim resources (PUT may create them).

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setLimitRangeDefaults } from '../../defaults/core.ts';
import { validateLimitRange } from '../../validation/core/limit-range.ts';

export const limitRangesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'LimitRange',
  listKind: 'LimitRangeList',
  resource: 'limitranges',
  singular: 'limitrange',
  namespaced: true,
  shortNames: ['limits'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.LimitRange',
  strategy: {
    defaults: setLimitRangeDefaults,
    validate: (limitRange) => validateLimitRange(limitRange),
    validateUpdate: (limitRange) => validateLimitRange(limitRange),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: true,
  },
};
