// CertificateSigningRequests (pkg/registry/certificates/certificates): requests for a certificate from a signer.
// The requester's identity is recorded from the request (never from the client's spec), the spec never changes,
// status writes may not touch approval, and approval goes through its own sub-resource (see approval.ts). Names
// are free-form, and lists can be filtered by spec.signerName.

import { ALL_VERBS } from '../resource-definition.ts';
import type { ResourceDefinition, StrategyContext } from '../resource-definition.ts';
import type { KubeObject } from '../../../api/object.ts';
import { resetStatus, statusSubresource, subresource, STATUS_VERBS } from '../definition-helpers.ts';
import { setCertificateSigningRequestDefaults } from '../../defaults/certificates.ts';
import { ensureRecord, recordOrEmpty, str } from '../../validation/access.ts';
import {
  validateCertificateSigningRequest,
  validateCertificateSigningRequestStatusUpdate,
} from '../../validation/certificates.ts';
import { populateConditionTimestamps, preserveConditions } from './condition-timestamps.ts';

/** Replaces whatever identity the client put in the spec with the one that made the request. */
function recordRequester(csr: KubeObject, ctx: StrategyContext): void {
  const spec = ensureRecord(csr, 'spec');
  for (const field of ['username', 'uid', 'groups', 'extra']) delete spec[field];
  const { user } = ctx;
  if (user.username !== '') spec.username = user.username;
  if (user.uid) spec.uid = user.uid;
  if (user.groups.length > 0) spec.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length > 0) spec.extra = structuredClone(user.extra);
}

export const certificateSigningRequestsResource: ResourceDefinition = {
  group: 'certificates.k8s.io',
  version: 'v1',
  kind: 'CertificateSigningRequest',
  listKind: 'CertificateSigningRequestList',
  resource: 'certificatesigningrequests',
  singular: 'certificatesigningrequest',
  namespaced: false,
  shortNames: ['csr'],
  verbs: ALL_VERBS,
  schema: 'io.k8s.api.certificates.v1.CertificateSigningRequest',
  subresources: {
    approval: subresource('certificates.k8s.io', 'v1', 'CertificateSigningRequest', STATUS_VERBS),
    status: statusSubresource('certificates.k8s.io', 'CertificateSigningRequest'),
  },
  validateName: () => [],
  strategy: {
    defaults: setCertificateSigningRequestDefaults,
    prepareForCreate(csr, ctx) {
      recordRequester(csr, ctx);
      resetStatus(csr, {});
    },
    prepareForUpdate(csr, old) {
      csr.spec = structuredClone(old.spec);
    },
    validate: (csr) => validateCertificateSigningRequest(csr),
    validateUpdate: (csr) => validateCertificateSigningRequest(csr),
    prepareForStatusUpdate(csr, old, ctx) {
      preserveConditions(csr, old, 'Approved');
      preserveConditions(csr, old, 'Denied');
      populateConditionTimestamps(csr, old, ctx.now);
    },
    validateStatusUpdate: (csr, old) => validateCertificateSigningRequestStatusUpdate(csr, old),
    allowCreateOnUpdate: false,
    allowUnconditionalUpdate: true,
  },
  fieldSelectors: {
    'spec.signerName': (csr) => str(recordOrEmpty(csr.spec).signerName),
  },
};
