import { describe, expect, it } from 'vitest';

import type { Json } from './access.ts';
import { validateAPIService, validateAPIServiceStatus } from './apiregistration.ts';

const apiService = (name: string, spec: Json): Json => ({
  metadata: { name },
  spec: { groupPriorityMinimum: 100, versionPriority: 100, ...spec },
});

describe('validateAPIService', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts the local legacy v1 API', apiService('v1.', { version: 'v1' }), []],
    [
      'accepts an aggregated API behind a service',
      apiService('v1beta1.metrics.k8s.io', {
        group: 'metrics.k8s.io',
        version: 'v1beta1',
        service: { namespace: 'kube-system', name: 'metrics-server', port: 443 },
        insecureSkipTLSVerify: true,
      }),
      [],
    ],
    [
      'requires the name to be version.group',
      apiService('metrics', { group: 'metrics.k8s.io', version: 'v1beta1' }),
      ['metadata.name: Invalid value: "metrics": must be `spec.version+"."+spec.group`: "v1beta1.metrics.k8s.io"'],
    ],
    [
      'allows an empty group only for v1',
      apiService('v2.', { version: 'v2' }),
      ['spec.group: Required value: only v1 may have an empty group and it better be legacy kube'],
    ],
    [
      'bounds the priorities',
      apiService('v1.a.io', { group: 'a.io', version: 'v1', groupPriorityMinimum: 0, versionPriority: 5000 }),
      [
        'spec.groupPriorityMinimum: Invalid value: 0: must be positive and less than 20000',
        'spec.versionPriority: Invalid value: 5000: must be positive and less than 1000',
      ],
    ],
    [
      'requires the service name and namespace',
      apiService('v1.a.io', { group: 'a.io', version: 'v1', service: { port: 443 } }),
      ['spec.service.namespace: Required value', 'spec.service.name: Required value'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(validateAPIService(obj).map(String)).toEqual(expected);
  });

  it('rejects an unknown condition status', () => {
    expect(
      validateAPIServiceStatus({ status: { conditions: [{ type: 'Available', status: 'Maybe' }] } }).map(String),
    ).toEqual([
      'status.conditions[0].status: Unsupported value: "Maybe": supported values: "True", "False", "Unknown"',
    ]);
  });
});
