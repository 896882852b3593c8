import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { apiRegistrationPrinters } from './apiregistration.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

const apiService = (spec: object, conditions?: object[]): KubeObject => ({
  apiVersion: 'apiregistration.k8s.io/v1',
  kind: 'APIService',
  metadata: { name: 'v1beta1.metrics.k8s.io', creationTimestamp: '2025-02-28T12:00:00Z' },
  spec,
  status: conditions ? { conditions } : {},
});

const printer = apiRegistrationPrinters.APIService;

describe('apiServicePrinter', () => {
  it('declares SERVICE AVAILABLE AGE', () => {
    expect(printer?.columns.map((c) => c.name)).toEqual(['Name', 'Service', 'Available', 'Age']);
  });

  it.each([
    [
      'a local API',
      apiService({ group: 'apps', version: 'v1' }, [{ type: 'Available', status: 'True', reason: 'Local' }]),
      'Local',
      'True',
    ],
    [
      'an aggregated API that cannot be reached',
      apiService({ service: { namespace: 'kube-system', name: 'metrics-server' } }, [
        { type: 'Available', status: 'False', reason: 'MissingEndpoints' },
      ]),
      'kube-system/metrics-server',
      'False (MissingEndpoints)',
    ],
    ['an API without conditions yet', apiService({ service: { namespace: 'x', name: 'y' } }), 'x/y', 'Unknown'],
  ])('prints %s', (_name, obj, service, available) => {
    expect(printer?.row(obj, NOW)).toEqual(['v1beta1.metrics.k8s.io', service, available, '24h']);
  });
});
