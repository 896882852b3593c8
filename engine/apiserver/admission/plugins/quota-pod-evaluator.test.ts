// Tests for how quota measures pods.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { ScopeRequirement } from './quota-evaluator.ts';
import { podEvaluator } from './quota-pod-evaluator.ts';
import { resourceListJson } from './resource-lists.ts';
import { pod } from './test-attributes.ts';

const ctr = (name: string, requests: Record<string, string> = {}, limits: Record<string, string> = {}) => ({
  name,
  image: 'nginx',
  resources: { requests, limits },
});

describe('quota usage of pods', () => {
  it.each<[string, KubeObject, Record<string, string>]>([
    ['counts a best-effort pod as one pod', pod(), { 'count/pods': '1', pods: '1' }],
    [
      'charges requests and limits under their quota names',
      pod({ containers: [ctr('a', { cpu: '250m', memory: '64Mi' }, { cpu: '500m', memory: '64Mi' })] }),
      {
        'count/pods': '1',
        pods: '1',
        cpu: '250m',
        'requests.cpu': '250m',
        'limits.cpu': '500m',
        memory: '64Mi',
        'requests.memory': '64Mi',
        'limits.memory': '64Mi',
      },
    ],
    [
      'charges huge pages and extended resources as requests',
      pod({ containers: [ctr('a', { 'hugepages-2Mi': '4Mi', 'example.com/gpu': '1' })] }),
      {
        'count/pods': '1',
        pods: '1',
        'hugepages-2Mi': '4Mi',
        'requests.hugepages-2Mi': '4Mi',
        'requests.example.com/gpu': '1',
      },
    ],
    [
      'counts a finished pod only as an object',
      { ...pod({ containers: [ctr('a', { cpu: '1' })] }), status: { phase: 'Succeeded' } },
      { 'count/pods': '1' },
    ],
  ])('%s', (_name, object, expected) => {
    expect(resourceListJson(podEvaluator.usage(object))).toEqual(expected);
  });

  it('charges only what pods are quoted for', () => {
    expect(
      podEvaluator.matchingResources(['pods', 'services', 'requests.cpu', 'requests.example.com/gpu', 'hugepages-1Gi']),
    ).toEqual(['pods', 'requests.cpu', 'requests.example.com/gpu', 'hugepages-1Gi']);
  });
});

describe('quota scopes of pods', () => {
  const burstable = pod({ containers: [ctr('a', { cpu: '100m' })] });
  const job = pod({ activeDeadlineSeconds: 60 });
  const critical = pod({ priorityClassName: 'critical' });
  const crossNamespace = pod({
    affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ namespaces: ['other'] }] } },
  });
  const exists = (scopeName: string): ScopeRequirement => ({ scopeName, operator: 'Exists', values: [] });

  it.each<[string, ScopeRequirement, KubeObject, boolean]>([
    ['BestEffort covers a pod without requests', exists('BestEffort'), pod(), true],
    ['BestEffort does not cover a pod with requests', exists('BestEffort'), burstable, false],
    ['NotBestEffort covers a pod with requests', exists('NotBestEffort'), burstable, true],
    ['Terminating covers a pod with a deadline', exists('Terminating'), job, true],
    ['NotTerminating covers a pod without one', exists('NotTerminating'), pod(), true],
    ['PriorityClass Exists covers a pod with a class', exists('PriorityClass'), critical, true],
    ['PriorityClass Exists does not cover a pod without one', exists('PriorityClass'), pod(), false],
    [
      'PriorityClass In covers a listed class',
      { scopeName: 'PriorityClass', operator: 'In', values: ['critical'] },
      critical,
      true,
    ],
    [
      'PriorityClass In does not cover other classes',
      { scopeName: 'PriorityClass', operator: 'In', values: ['low'] },
      critical,
      false,
    ],
    [
      'PriorityClass NotIn covers a pod without a class',
      { scopeName: 'PriorityClass', operator: 'NotIn', values: ['low'] },
      pod(),
      true,
    ],
    [
      'PriorityClass DoesNotExist covers a pod without a class',
      { scopeName: 'PriorityClass', operator: 'DoesNotExist', values: [] },
      pod(),
      true,
    ],
    [
      'CrossNamespacePodAffinity covers affinity to other namespaces',
      exists('CrossNamespacePodAffinity'),
      crossNamespace,
      true,
    ],
    ['CrossNamespacePodAffinity does not cover plain pods', exists('CrossNamespacePodAffinity'), pod(), false],
  ])('%s', (_name, requirement, object, expected) => {
    expect(podEvaluator.matchesScope(requirement, object)).toBe(expected);
  });
});

describe('quota constraints on pods', () => {
  it.each<[string, string[], KubeObject, string | undefined]>([
    ['accepts any pod when only counts are quoted', ['pods', 'count/pods'], pod(), undefined],
    [
      'accepts containers that declare what is quoted',
      ['requests.cpu', 'limits.memory'],
      pod({ containers: [ctr('a', { cpu: '1' }, { memory: '1Gi' })] }),
      undefined,
    ],
    [
      'names each missing resource and the containers that miss it',
      ['requests.cpu', 'limits.memory', 'pods'],
      pod({ initContainers: [ctr('init', { cpu: '1' })], containers: [ctr('b'), ctr('a', {}, { memory: '1Gi' })] }),
      'must specify limits.memory for: b,init; requests.cpu for: a,b',
    ],
  ])('%s', (_name, required, object, expected) => {
    expect(podEvaluator.constraints(required, object)).toBe(expected);
  });
});
