// PersistentVolumeClaims (pkg/registry/core/persistentvolumeclaim): created Pending; the spec is immutable except
// a growing storage request and the volume the binder chooses.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { statusSubresource } from '../definition-helpers.ts';
import { setPersistentVolumeClaimDefaults } from '../../defaults/core.ts';
import {
  validatePersistentVolumeClaim,
  validatePersistentVolumeClaimStatusUpdate,
  validatePersistentVolumeClaimUpdate,
} from '../../validation/core/persistent-volume-claim.ts';

export const persistentVolumeClaimsResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolumeClaim',
  listKind: 'PersistentVolumeClaimList',
  resource: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  namespaced: true,
  shortNames: ['pvc'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.PersistentVolumeClaim',
  subresources: { status: statusSubresource('', 'PersistentVolumeClaim') },
  strategy: {
    defaults: setPersistentVolumeClaimDefaults,
    prepareForCreate(pvc) {
      pvc.status = { phase: 'Pending' };
    },
    validate: (pvc) => validatePersistentVolumeClaim(pvc),
    validateUpdate: (pvc, old) => validatePersistentVolumeClaimUpdate(pvc, old),
    validateStatusUpdate: (pvc) => validatePersistentVolumeClaimStatusUpdate(pvc),
    returnDeletedObject: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    name: (pvc) => pvc.metadata.name ?? '',
  },
};
