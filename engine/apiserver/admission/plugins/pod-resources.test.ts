// Tests for pod-level requests and limits.
import { describe, expect, it } from 'vitest';
import { podLimits, podRequests } from './pod-resources.ts';
import { resourceListJson } from './resource-lists.ts';

const ctr = (requests: Record<string, string>, limits: Record<string, string> = {}, restartPolicy?: string) => ({
  name: 'c',
  resources: { requests, limits },
  ...(restartPolicy ? { restartPolicy } : {}),
});

describe('pod requests and limits', () => {
  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    [
      'sums the containers',
      { containers: [ctr({ cpu: '100m' }), ctr({ cpu: '200m', memory: '64Mi' })] },
      { cpu: '300m', memory: '64Mi' },
    ],
    [
      'takes an init container that needs more than the containers',
      { containers: [ctr({ cpu: '100m' })], initContainers: [ctr({ cpu: '1' }), ctr({ cpu: '500m' })] },
      { cpu: '1' },
    ],
    [
      'adds sidecars to the containers and to the init containers that start after them',
      {
        containers: [ctr({ cpu: '100m' })],
        initContainers: [ctr({ cpu: '200m' }, {}, 'Always'), ctr({ cpu: '250m' })],
      },
      { cpu: '450m' },
    ],
  ])('%s', (_name, spec, expected) => {
    expect(resourceListJson(podRequests(spec, { overhead: false }))).toEqual(expected);
  });

  it('adds the overhead to every request and to the limits the pod sets, when asked', () => {
    const spec = {
      containers: [ctr({ cpu: '100m', memory: '64Mi' }, { cpu: '200m' })],
      overhead: { cpu: '50m', memory: '10Mi' },
    };
    expect(resourceListJson(podRequests(spec, { overhead: true }))).toEqual({ cpu: '150m', memory: '74Mi' });
    expect(resourceListJson(podLimits(spec, { overhead: true }))).toEqual({ cpu: '250m' });
    expect(resourceListJson(podLimits(spec, { overhead: false }))).toEqual({ cpu: '200m' });
  });
});
