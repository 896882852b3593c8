// ConfigMaps: string and binary data under valid keys, at most 1 MiB, frozen once `immutable` is set.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { validateConfigMap, validateConfigMapUpdate } from '../../validation/core/config-data.ts';

export const configMapsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  listKind: 'ConfigMapList',
  resource: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.ConfigMap',
  strategy: {
    validate: (configMap) => validateConfigMap(configMap),
    validateUpdate: (configMap, old) => validateConfigMapUpdate(configMap, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
