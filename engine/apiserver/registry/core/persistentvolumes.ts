// PersistentVolumes (pkg/registry/core/persistentvolume): cluster-wide storage, created Pending with the time of
// that phase, whose source never changes; a status write that changes the phase records when.

import { rfc3339 } from '../../../api/json.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { statusSubresource } from '../definition-helpers.ts';
import { setPersistentVolumeDefaults } from '../../defaults/core.ts';
import { ensureRecord, recordOrEmpty, str } from '../../validation/access.ts';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from '../../validation/core/persistent-volume.ts';

export const persistentVolumesResource: ResourceDefinition = {
  group: '',
  version: 'v1',
  kind: 'PersistentVolume',
  listKind: 'PersistentVolumeList',
  resource: 'persistentvolumes',
  singular: 'persistentvolume',
  namespaced: false,
  shortNames: ['pv'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.core.v1.PersistentVolume',
  subresources: { status: statusSubresource('', 'PersistentVolume') },
  strategy: {
    defaults: setPersistentVolumeDefaults,
    prepareForCreate(pv, ctx) {
      pv.status = { phase: 'Pending', lastPhaseTransitionTime: rfc3339(ctx.now) };
    },
    prepareForStatusUpdate(pv, old, ctx) {
      const status = ensureRecord(pv, 'status');
      if (str(status.phase) !== str(recordOrEmpty(old.status).phase)) status.lastPhaseTransitionTime = rfc3339(ctx.now);
    },
    validate: (pv) => validatePersistentVolume(pv),
    validateUpdate: (pv, old) => validatePersistentVolumeUpdate(pv, old),
    returnDeletedObject: true,
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    name: (pv) => pv.metadata.name ?? '',
  },
};
