import { describe, expect, it } from 'vitest';

import { FieldError } from '../errors/field-error.ts';
import type { Json } from './access.ts';
import {
  validateCertificateSigningRequest,
  validateCertificateSigningRequestApprovalUpdate,
  validateCertificateSigningRequestStatusUpdate,
} from './certificates.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const pem = (type: string): string =>
  Buffer.from(`-----BEGIN ${type}-----\nMIIB\n-----END ${type}-----\n`).toString('base64');
const csr = (spec: Json, status: Json = {}): Json => ({
  metadata: { name: 'jane' },
  spec: {
    request: pem('CERTIFICATE REQUEST'),
    signerName: 'kubernetes.io/kube-apiserver-client',
    usages: ['client auth'],
    ...spec,
  },
  status,
});

describe('validateCertificateSigningRequest', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a client certificate request', csr({}), []],
    [
      'requires a PEM certificate request',
      csr({ request: pem('PRIVATE KEY') }),
      [`spec.request: Invalid value: "${pem('PRIVATE KEY')}": PEM block type must be CERTIFICATE REQUEST`],
    ],
    ['requires usages', csr({ usages: [] }), ['spec.usages: Required value: usages must be provided']],
    [
      'rejects repeated usages',
      csr({ usages: ['client auth', 'client auth'] }),
      ['spec.usages[1]: Duplicate value: "client auth"'],
    ],
    [
      'requires a signer name with a domain and a path',
      csr({ signerName: 'my-signer' }),
      [
        'spec.signerName: Invalid value: "my-signer": must be a fully qualified domain and path of the form \'example.com/signer-name\'',
      ],
    ],
    [
      'requires at least ten minutes of validity',
      csr({ expirationSeconds: 60 }),
      ['spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateCertificateSigningRequest(obj))).toEqual(expected);
  });
});

describe('approval and status updates', () => {
  it('refuses approval and denial together', () => {
    const conditions = [
      { type: 'Approved', status: 'True' },
      { type: 'Denied', status: 'True' },
    ];
    expect(messages(validateCertificateSigningRequestApprovalUpdate(csr({}, { conditions })))).toEqual([
      'status.conditions: Invalid value: "…": Approved and Denied conditions are mutually exclusive',
    ]);
  });

  it('issues a certificate only to an approved request', () => {
    expect(
      validateCertificateSigningRequestStatusUpdate(csr({}, { certificate: pem('CERTIFICATE') }), csr({})).map(String),
    ).toEqual(['status.certificate: Forbidden: certificate issuance requires an Approved condition']);
    const approved = { conditions: [{ type: 'Approved', status: 'True' }] };
    expect(
      validateCertificateSigningRequestStatusUpdate(
        csr({}, { ...approved, certificate: pem('CERTIFICATE') }),
        csr({}, approved),
      ),
    ).toEqual([]);
  });

  it('never changes an issued certificate', () => {
    const issued = { conditions: [{ type: 'Approved', status: 'True' }], certificate: pem('CERTIFICATE') };
    expect(
      validateCertificateSigningRequestStatusUpdate(
        csr({}, { ...issued, certificate: pem('OTHER') }),
        csr({}, issued),
      ).map(String),
    ).toEqual([
      'status.certificate: Invalid value: "<certificate data>": updates may not modify existing certificate content',
    ]);
  });
});
