// Leases (pkg/registry/coordination/lease): node heartbeats and leader election locks. A PUT may create one;
// the coordinated-leader-election fields (strategy, preferredHolder) are alpha in 1.32 and dropped, as a cluster
// without the feature gate does.

import type { KubeObject } from '../../../api/object.ts';
import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import { setLeaseDefaults } from '../../defaults/coordination.ts';
import { record } from '../../validation/access.ts';
import { validateLease } from '../../validation/coordination.ts';

const GATED_FIELDS = ['strategy', 'preferredHolder'];

/** Drops the gated fields unless the stored lease already has them. */
function dropDisabledFields(lease: KubeObject, old?: KubeObject): void {
  const spec = record(lease.spec);
  const oldSpec = record(old?.spec);
  if (!spec) return;
  for (const field of GATED_FIELDS) if (oldSpec?.[field] === undefined) delete spec[field];
}

export const leasesResource: ResourceDefinition = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  listKind: 'LeaseList',
  resource: 'leases',
  singular: 'lease',
  namespaced: true,
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.coordination.v1.Lease',
  strategy: {
    defaults: setLeaseDefaults,
    prepareForCreate: (lease) => dropDisabledFields(lease),
    prepareForUpdate: (lease, old) => dropDisabledFields(lease, old),
    validate: (lease) => validateLease(lease),
    validateUpdate: (lease) => validateLease(lease),
    allowCreateOnUpdate: true,
    allowUnconditionalUpdate: false,
  },
};
