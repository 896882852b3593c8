import { describe, expect, it } from 'vitest';
import { validateResourceQuota, validateResourceQuotaUpdate } from './resource-quota.ts';

function quota(spec: Record<string, unknown>): Record<string, unknown> {
  return { metadata: { name: 'q', namespace: 'default' }, spec };
}

describe('ResourceQuotas', () => {
  it('accepts compute and count limits', () => {
    expect(
      validateResourceQuota(quota({ hard: { 'requests.cpu': '2', pods: '10', 'count/deployments.apps': '5' } })),
    ).toEqual([]);
  });

  it.each([
    [
      'an unknown unprefixed resource is refused',
      { hard: { widgets: '1' } },
      [
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource type or fully qualified',
        'spec.hard[widgets]: Invalid value: "widgets": must be a standard resource for quota',
      ],
    ],
    [
      'a count must be a whole number',
      { hard: { pods: '1500m' } },
      ['spec.hard[pods]: Invalid value: 1500m: must be an integer'],
    ],
    [
      'a quota may not be negative',
      { hard: { cpu: '-1' } },
      ['spec.hard[cpu]: Invalid value: "-1": must be greater than or equal to 0'],
    ],
    [
      'contradicting scopes are refused',
      { hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] },
      ['spec.scopes: Invalid value: []string{"BestEffort", "NotBestEffort"}: conflicting scopes'],
    ],
    [
      'BestEffort only limits pods',
      { hard: { cpu: '1' }, scopes: ['BestEffort'] },
      ['spec.scopes: Invalid value: []string{"BestEffort"}: unsupported scope applied to resource'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateResourceQuota(quota(spec)).map(String)).toEqual(expected);
  });

  it('keeps scopes immutable', () => {
    expect(
      validateResourceQuotaUpdate(
        quota({ hard: { pods: '1' }, scopes: ['Terminating'] }),
        quota({ hard: { pods: '1' } }),
      ).map(String),
    ).toEqual(['spec.scopes: Invalid value: []string{"Terminating"}: field is immutable']);
  });
});
