import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setCertificateSigningRequestDefaults } from './certificates.ts';

describe('setCertificateSigningRequestDefaults', () => {
  it('makes a condition without a status True', () => {
    const csr: KubeObject = {
      metadata: { name: 'c' },
      status: {
        conditions: [
          { type: 'Approved', reason: 'KubectlApprove' },
          { type: 'Failed', status: 'False' },
        ],
      },
    };
    setCertificateSigningRequestDefaults(csr);
    expect(csr.status).toEqual({
      conditions: [
        { type: 'Approved', reason: 'KubectlApprove', status: 'True' },
        { type: 'Failed', status: 'False' },
      ],
    });
  });
});
