// CSIDrivers (pkg/registry/storage/csidriver): how Kubernetes talks to an installed CSI driver. Cluster-scoped;
// whether it needs attaching and which lifecycle modes it serves never change; spec changes bump generation.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setCSIDriverDefaults } from '../../defaults/storage.ts';
import { validateCSIDriver, validateCSIDriverUpdate } from '../../validation/storage.ts';

export const csiDriversResource: ResourceDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'CSIDriver',
  listKind: 'CSIDriverList',
  resource: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.storage.v1.CSIDriver',
  strategy: {
    defaults: setCSIDriverDefaults,
    validate: (driver) => validateCSIDriver(driver),
    validateUpdate: (driver, old) => validateCSIDriverUpdate(driver, old),
    tracksGeneration: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: false,
  },
};
