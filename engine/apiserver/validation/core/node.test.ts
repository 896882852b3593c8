import { describe, expect, it } from 'vitest';
import { validateNode, validateNodeUpdate } from './node.ts';

describe('nodes', () => {
  it('accepts a node with taints, capacity and a pod CIDR', () => {
    const node = {
      metadata: { name: 'node-1' },
      spec: {
        podCIDRs: ['10.244.1.0/24'],
        taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      },
      status: { capacity: { cpu: '4', memory: '8Gi', pods: '110' } },
    };
    expect(validateNode(node)).toEqual([]);
  });

  it.each([
    ['a taint needs an effect', { taints: [{ key: 'a' }] }, ['metadata.taints[0].effect: Required value']],
    [
      'taints are unique by key and effect',
      {
        taints: [
          { key: 'a', effect: 'NoSchedule' },
          { key: 'a', effect: 'NoSchedule' },
        ],
      },
      [
        'metadata.taints[1]: Duplicate value: map[string]string{"effect":"NoSchedule", "key":"a"}: taints must be unique by key and effect pair',
      ],
    ],
    [
      'a pod CIDR must be a CIDR',
      { podCIDRs: ['10.244.1.0'] },
      [
        'spec.podCIDRs[0]: Invalid value: "10.244.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateNode({ metadata: { name: 'n' }, spec }).map(String)).toEqual(expected);
  });

  it('refuses a fractional pod capacity', () => {
    expect(validateNode({ metadata: { name: 'n' }, status: { capacity: { pods: '1500m' } } }).map(String)).toEqual([
      'status.capacity.pods: Invalid value: 1500m: must be an integer',
    ]);
  });

  it('refuses changing an assigned pod CIDR', () => {
    const old = { metadata: { name: 'n' }, spec: { podCIDRs: ['10.244.1.0/24'] } };
    const next = { metadata: { name: 'n' }, spec: { podCIDRs: ['10.244.2.0/24'] } };
    expect(validateNodeUpdate(next, old).map(String)).toEqual([
      'spec.podCIDRs: Forbidden: node updates may not change podCIDR except from "" to valid',
    ]);
  });
});
