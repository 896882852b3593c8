import { describe, expect, it } from 'vitest';

import type { KubeObject } from '../../api/object.ts';
import { setAPIServiceDefaults } from './apiregistration.ts';

describe('setAPIServiceDefaults', () => {
  it('points the service at port 443', () => {
    const apiService: KubeObject = {
      metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: { service: { namespace: 'kube-system', name: 'metrics-server' } },
    };
    setAPIServiceDefaults(apiService);
    expect(apiService.spec).toEqual({ service: { namespace: 'kube-system', name: 'metrics-server', port: 443 } });
  });
});
