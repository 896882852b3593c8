// The approval sub-resource of CertificateSigningRequests (certificatesigningrequests/approval): how
// `kubectl certificate approve|deny` writes. Only conditions change — the spec and the issued certificate stay as
// stored, and Failed conditions belong to the signer. The integrator serves it with these two hooks.

import type { KubeObject } from '../../../api/object.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { recordOrEmpty } from '../../validation/access.ts';
import { validateCertificateSigningRequestApprovalUpdate } from '../../validation/certificates.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { populateConditionTimestamps, preserveConditions } from './condition-timestamps.ts';

export function prepareCertificateSigningRequestApproval(csr: KubeObject, old: KubeObject, ctx: StrategyContext): void {
  csr.spec = structuredClone(old.spec);
  const status = { ...recordOrEmpty(csr.status) };
  const oldCertificate = recordOrEmpty(old.status).certificate;
  if (oldCertificate === undefined) delete status.certificate;
  else status.certificate = oldCertificate;
  csr.status = status;
  preserveConditions(csr, old, 'Failed');
  populateConditionTimestamps(csr, old, ctx.now);
}

export function validateCertificateSigningRequestApproval(csr: KubeObject): FieldError[] {
  return validateCertificateSigningRequestApprovalUpdate(csr);
}
