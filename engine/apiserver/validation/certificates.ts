// The certificates.k8s.io group (pkg/apis/certificates/validation): CertificateSigningRequests carry a PEM
// certificate request, a signer named "<domain>/<path>", known and unique key usages and a lifetime of at least ten
// minutes; their conditions are unique, Approved and Denied only ever True and never together; a certificate is
// issued only to an approved, not failed request and never changes afterwards. Signatures are not verified.

import {
  FieldPath,
  duplicate,
  forbiddenField,
  invalidValue,
  notSupported,
  required,
  tooLong,
} from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { list, optNum, records, recordOrEmpty, str } from './access.ts';
import type { Json } from './access.ts';
import { isDNS1123Label, isDNS1123Subdomain } from './names.ts';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');
const KEY_USAGES = [
  'signing',
  'digital signature',
  'content commitment',
  'key encipherment',
  'key agreement',
  'data encipherment',
  'cert sign',
  'crl sign',
  'encipher only',
  'decipher only',
  'any',
  'server auth',
  'client auth',
  'code signing',
  'email protection',
  's/mime',
  'ipsec end system',
  'ipsec tunnel',
  'ipsec user',
  'timestamping',
  'ocsp signing',
  'microsoft sgc',
  'netscape sgc',
];
const CONDITION_STATUSES = ['True', 'False', 'Unknown'];
const MIN_EXPIRATION_SECONDS = 600;
const CERTIFICATE_DATA = '<certificate data>';

/** The PEM block types in base64-encoded PEM data (JSON carries bytes as base64). */
function pemBlockTypes(base64: string): string[] {
  const text = Buffer.from(base64, 'base64').toString('utf8');
  return [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----/g)].map((m) => m[1] ?? '');
}

/** ValidateSignerName: "<DNS subdomain with a dot>/<path of DNS subdomains>". */
function validateSignerName(signerName: string, path: FieldPath): FieldError[] {
  if (signerName === '') return [required(path)];
  const segments = signerName.split('/');
  const [domain = '', rest = ''] = segments;
  if (segments.length !== 2)
    return [
      invalidValue(path, signerName, "must be a fully qualified domain and path of the form 'example.com/signer-name'"),
    ];
  const errs: FieldError[] = [];
  if (domain.length > 253) errs.push(tooLong(path, 253));
  const labels = domain.split('.');
  for (const label of labels) for (const msg of isDNS1123Label(label)) errs.push(invalidValue(path, domain, msg));
  if (labels.length < 2)
    errs.push(invalidValue(path, domain, 'should be a domain with at least two segments separated by dots'));
  for (const part of rest.split('.'))
    for (const msg of isDNS1123Subdomain(part)) errs.push(invalidValue(path, rest, msg));
  if (rest.length > 253 - 63 - 1) errs.push(tooLong(path, 253 - 63 - 1));
  return errs;
}

export function validateCertificateSigningRequest(csr: Json): FieldError[] {
  const spec = recordOrEmpty(csr.spec);
  const errs: FieldError[] = [];
  const request = str(spec.request);
  if (!pemBlockTypes(request).includes('CERTIFICATE REQUEST'))
    errs.push(invalidValue(SPEC.child('request'), request, 'PEM block type must be CERTIFICATE REQUEST'));
  const usages = list(spec.usages).map(str);
  if (usages.length === 0) errs.push(required(SPEC.child('usages'), 'usages must be provided'));
  const seen = new Set<string>();
  usages.forEach((usage, i) => {
    if (!KEY_USAGES.includes(usage)) errs.push(notSupported(SPEC.child('usages').index(i), usage, KEY_USAGES));
    if (seen.has(usage)) errs.push(duplicate(SPEC.child('usages').index(i), usage));
    seen.add(usage);
  });
  errs.push(...validateSignerName(str(spec.signerName), SPEC.child('signerName')));
  const expiration = optNum(spec.expirationSeconds);
  if (expiration !== undefined && expiration < MIN_EXPIRATION_SECONDS) {
    errs.push(
      invalidValue(
        SPEC.child('expirationSeconds'),
        expiration,
        'may not specify a duration less than 600 seconds (10 minutes)',
      ),
    );
  }
  errs.push(...validateConditions(csr));
  return errs;
}

function validateConditions(csr: Json): FieldError[] {
  const path = STATUS.child('conditions');
  const conditions = records(recordOrEmpty(csr.status).conditions);
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  let approved = false;
  let denied = false;
  conditions.forEach((c, i) => {
    const type = str(c.type);
    const status = str(c.status);
    if (type === '') errs.push(required(path.index(i).child('type')));
    if (!CONDITION_STATUSES.includes(status))
      errs.push(notSupported(path.index(i).child('status'), status, CONDITION_STATUSES));
    if (seen.has(type)) errs.push(duplicate(path.index(i).child('type'), type));
    seen.add(type);
    if (type === 'Approved' || type === 'Denied') {
      if (type === 'Approved') approved = true;
      else denied = true;
      if (status !== 'True')
        errs.push(invalidValue(path.index(i).child('status'), status, `${type} condition may only have status=True`));
    }
  });
  if (approved && denied)
    errs.push(invalidValue(path, conditions, 'Approved and Denied conditions are mutually exclusive'));
  return errs;
}

const hasTrueCondition = (csr: Json, type: string): boolean =>
  records(recordOrEmpty(csr.status).conditions).some((c) => c.type === type && c.status === 'True');

/** A status write: conditions, and a certificate issued only once, to an approved request that has not failed. */
export function validateCertificateSigningRequestStatusUpdate(csr: Json, old: Json): FieldError[] {
  const errs = validateConditions(csr);
  const path = STATUS.child('certificate');
  const certificate = str(recordOrEmpty(csr.status).certificate);
  const oldCertificate = str(recordOrEmpty(old.status).certificate);
  if (oldCertificate !== '') {
    if (certificate !== oldCertificate)
      errs.push(invalidValue(path, CERTIFICATE_DATA, 'updates may not modify existing certificate content'));
  } else if (certificate !== '') {
    if (!hasTrueCondition(csr, 'Approved'))
      errs.push(forbiddenField(path, 'certificate issuance requires an Approved condition'));
    if (hasTrueCondition(csr, 'Failed'))
      errs.push(forbiddenField(path, 'certificate issuance may not be performed on a Failed request'));
    if (!pemBlockTypes(certificate).includes('CERTIFICATE'))
      errs.push(invalidValue(path, CERTIFICATE_DATA, 'must contain at least one CERTIFICATE PEM block'));
  }
  return errs;
}

/** An approval write (the approval sub-resource): only conditions change, and they must be consistent. */
export function validateCertificateSigningRequestApprovalUpdate(csr: Json): FieldError[] {
  return validateConditions(csr);
}
