// Defaults of certificates.k8s.io/v1 (pkg/apis/certificates/v1/defaults.go): a CertificateSigningRequest
// condition without a status is True.

import type { KubeObject } from '../../api/object.ts';
import { record, records } from '../validation/access.ts';

export function setCertificateSigningRequestDefaults(csr: KubeObject): void {
  for (const condition of records(record(csr.status)?.conditions)) {
    if (typeof condition.status !== 'string' || condition.status === '') condition.status = 'True';
  }
}
