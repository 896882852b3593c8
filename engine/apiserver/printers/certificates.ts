// Table columns of the certificates.k8s.io API group: CertificateSigningRequest, with its signer, requestor,
// requested duration and a condition summary such as "Approved,Issued".

import type { KubeObject } from '../../api/object.ts';
import type { TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, column, NAME_COLUMN } from './columns.ts';
import { humanDuration } from './duration.ts';
import { list, maybeInt, str } from './read.ts';
import { age } from './time.ts';

/** Denied, Approved or Pending, then ",Failed" and ",Issued" when they apply. */
function condition(csr: KubeObject): string {
  const types = new Set(list(csr.status, 'conditions').map((c) => str(c, 'type')));
  let status = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) status += ',Failed';
  if (str(csr.status, 'certificate') !== '') status += ',Issued';
  return status;
}

function requestedDuration(csr: KubeObject): string {
  const seconds = maybeInt(csr.spec, 'expirationSeconds');
  return seconds === undefined ? '<none>' : humanDuration(seconds * 1000);
}

const certificateSigningRequestPrinter: TableConvertor = {
  columns: [
    NAME_COLUMN,
    AGE_COLUMN,
    column('SignerName', 'The signer asked to sign the certificate.'),
    column('Requestor', 'The user who created the request.'),
    column('RequestedDuration', 'How long the requested certificate should be valid.'),
    column('Condition', 'Whether the request is pending, approved or denied, and whether it was issued.'),
  ],
  row: (csr, now) => [
    csr.metadata.name ?? '',
    age(csr, now),
    str(csr.spec, 'signerName') || '<none>',
    str(csr.spec, 'username'),
    requestedDuration(csr),
    condition(csr),
  ],
};

export const certificatesPrinters: Readonly<Record<string, TableConvertor>> = {
  CertificateSigningRequest: certificateSigningRequestPrinter,
};
