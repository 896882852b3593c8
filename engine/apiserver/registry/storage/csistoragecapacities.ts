// CSIStorageCapacities (pkg/registry/storage/csistoragecapacity): how much a CSI driver can provision for a
// storage class in a topology segment, published by the external provisioner for the scheduler. Topology and
// class never change.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { validateCSIStorageCapacity, validateCSIStorageCapacityUpdate } from '../../validation/storage.ts';

export const csiStorageCapacitiesResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIStorageCapacity',
  listKind: 'CSIStorageCapacityList',
  resource: 'csistoragecapacities',
  singular: 'csistoragecapacity',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.storage.v1.CSIStorageCapacity',
  strategy: {
    validate: (capacity) => validateCSIStorageCapacity(capacity),
    validateUpdate: (capacity, old) => validateCSIStorageCapacityUpdate(capacity, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
