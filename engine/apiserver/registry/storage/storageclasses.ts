// StorageClasses (pkg/registry/storage/storageclass): how volumes of a class are provisioned. Cluster-scoped;
// provisioner, parameters, reclaim policy and binding mode never change once created.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setStorageClassDefaults } from '../../defaults/storage.ts';
import { validateStorageClass, validateStorageClassUpdate } from '../../validation/storage.ts';

export const storageClassesResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  listKind: 'StorageClassList',
  resource: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.storage.v1.StorageClass',
  strategy: {
    defaults: setStorageClassDefaults,
    validate: (storageClass) => validateStorageClass(storageClass),
    validateUpdate: (storageClass, old) => [
      ...validateStorageClass(storageClass),
      ...validateStorageClassUpdate(storageClass, old),
    ],
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
};
