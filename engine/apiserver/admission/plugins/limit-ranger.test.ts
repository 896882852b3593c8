// Tests for the LimitRanger admission plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { StatusError } from '../../errors/status-error.ts';
import type { AdmissionAttributes } from '../admission.ts';
import { LimitRanger } from './limit-ranger.ts';
import { PODS, attributesFor, pod } from './test-attributes.ts';

const CLAIMS = { resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' };

const limitRange = (name: string, ...limits: Record<string, unknown>[]): KubeObject => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name, namespace: 'ns' },
  spec: { limits },
});

/** A range as the API server stores it: default requests filled in from the defaults. */
const defaults = limitRange('defaults', {
  type: 'Container',
  default: { cpu: '500m', memory: '256Mi' },
  defaultRequest: { cpu: '250m', memory: '256Mi' },
});

const ctr = (name: string, resources: Record<string, unknown> = {}) => ({ name, image: 'nginx', resources });

const claim = (storage?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'ns' },
  spec: { resources: storage ? { requests: { storage } } : {} },
});

async function refusalMessage(promise: Promise<void>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StatusError);
  expect((error as StatusError).code).toBe(403);
  return (error as StatusError).message;
}

describe('LimitRanger defaults', () => {
  it('sets a container’s missing requests and limits and says so in the annotation', async () => {
    const object = pod({ containers: [ctr('app')] });
    await new LimitRanger(async () => [defaults]).admit(attributesFor(PODS, object));
    expect((object.spec as { containers: unknown[] }).containers[0]).toEqual(
      ctr('app', {
        limits: { cpu: '500m', memory: '256Mi' },
        requests: { cpu: '250m', memory: '256Mi' },
      }),
    );
    expect(object.metadata.annotations).toEqual({
      'kubernetes.io/limit-ranger':
        'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app',
    });
  });

  it('fills only what each container and init container lacks', async () => {
    const object = pod({
      initContainers: [ctr('init', { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } })],
      containers: [ctr('app', { requests: { memory: '64Mi' } }), ctr('sidecar', { limits: { cpu: '100m' } })],
    });
    await new LimitRanger(async () => [defaults]).admit(attributesFor(PODS, object));
    const spec = object.spec as { containers: { resources: unknown }[]; initContainers: { resources: unknown }[] };
    expect(spec.containers.map((c) => c.resources)).toEqual([
      { requests: { memory: '64Mi', cpu: '250m' }, limits: { cpu: '500m', memory: '256Mi' } },
      { limits: { cpu: '100m', memory: '256Mi' }, requests: { cpu: '250m', memory: '256Mi' } },
    ]);
    expect(spec.initContainers[0]?.resources).toEqual({
      limits: { cpu: '1', memory: '1Gi' },
      requests: { cpu: '1', memory: '1Gi' },
    });
    expect(object.metadata.annotations?.['kubernetes.io/limit-ranger']).toBe(
      'LimitRanger plugin set: cpu request for container app; cpu, memory limit for container app; ' +
        'cpu, memory request for container sidecar; memory limit for container sidecar',
    );
  });

  it.each<[string, KubeObject[], AdmissionAttributes]>([
    ['a namespace without ranges', [], attributesFor(PODS, pod())],
    [
      'a pod that sets everything',
      [defaults],
      attributesFor(
        PODS,
        pod({
          containers: [
            ctr('app', {
              limits: { cpu: '1', memory: '1Gi' },
              requests: { cpu: '1', memory: '1Gi' },
            }),
          ],
        }),
      ),
    ],
    ['a pod update', [defaults], attributesFor(PODS, pod(), { operation: 'UPDATE', oldObject: pod() })],
    ['a sub-resource write', [defaults], attributesFor(PODS, pod(), { subresource: 'status' })],
  ])('changes nothing for %s', async (_name, ranges, a) => {
    const before = structuredClone(a.object);
    await new LimitRanger(async () => ranges).admit(a);
    expect(a.object).toEqual(before);
  });
});

describe('LimitRanger bounds', () => {
  const bounded = limitRange(
    'bounds',
    { type: 'Container', min: { cpu: '100m' }, max: { cpu: '1', memory: '1Gi' }, maxLimitRequestRatio: { cpu: '4' } },
    { type: 'Pod', max: { cpu: '1500m' } },
  );

  it.each<[string, Record<string, unknown>, string | undefined]>([
    [
      'accepts containers within every bound',
      { containers: [ctr('app', { requests: { cpu: '500m' }, limits: { cpu: '1', memory: '512Mi' } })] },
      undefined,
    ],
    [
      'refuses a container above the maximums of the container and of the pod',
      { containers: [ctr('app', { requests: { cpu: '500m' }, limits: { cpu: '2', memory: '512Mi' } })] },
      '[maximum cpu usage per Container is 1, but limit is 2, maximum cpu usage per Pod is 1500m, but limit is 2]',
    ],
    [
      'reports every bound a container breaks, like Go’s aggregate error',
      { containers: [ctr('app', { requests: { cpu: '50m' }, limits: { cpu: '1' } })] },
      '[minimum cpu usage per Container is 100m, but request is 50m, maximum memory usage per Container is 1Gi.  No limit is specified, cpu max limit to request ratio per Container is 4, but provided ratio is 20.000000]',
    ],
    [
      'bounds the sum of the pod’s containers with a Pod item',
      {
        containers: [
          ctr('a', { requests: { cpu: '800m' }, limits: { cpu: '800m', memory: '1Gi' } }),
          ctr('b', { requests: { cpu: '800m' }, limits: { cpu: '800m', memory: '1Gi' } }),
        ],
      },
      'maximum cpu usage per Pod is 1500m, but limit is 1600m',
    ],
  ])('%s', async (_name, spec, message) => {
    const result = new LimitRanger(async () => [bounded]).validate(attributesFor(PODS, pod(spec)));
    if (message === undefined) await result;
    else expect(await refusalMessage(result)).toBe(`pods "web" is forbidden: ${message}`);
  });

  it('refuses with the first range a pod breaks', async () => {
    const strict = limitRange('strict', { type: 'Container', max: { memory: '64Mi' } });
    const spec = { containers: [ctr('app', { requests: { cpu: '500m' }, limits: { cpu: '1', memory: '512Mi' } })] };
    const result = new LimitRanger(async () => [bounded, strict]).validate(attributesFor(PODS, pod(spec)));
    expect(await refusalMessage(result)).toBe(
      'pods "web" is forbidden: maximum memory usage per Container is 64Mi, but limit is 512Mi',
    );
  });

  const storage = limitRange('storage', {
    type: 'PersistentVolumeClaim',
    min: { storage: '1Gi' },
    max: { storage: '10Gi' },
  });
  it.each<[string, string | undefined, 'CREATE' | 'UPDATE', string | undefined]>([
    ['accepts a claim within the bounds', '5Gi', 'CREATE', undefined],
    [
      'refuses a claim below the minimum',
      '500Mi',
      'CREATE',
      'minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 500Mi',
    ],
    [
      'refuses a claim resized above the maximum',
      '20Gi',
      'UPDATE',
      'maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi',
    ],
    [
      'refuses a claim without a storage request',
      undefined,
      'CREATE',
      '[minimum storage usage per PersistentVolumeClaim is 1Gi.  No request is specified, maximum storage usage per PersistentVolumeClaim is 10Gi.  No request is specified]',
    ],
  ])('%s', async (_name, size, operation, message) => {
    const object = claim(size);
    const a = attributesFor(CLAIMS, object, {
      operation,
      oldObject: operation === 'UPDATE' ? claim('5Gi') : undefined,
    });
    const result = new LimitRanger(async () => [storage]).validate(a);
    if (message === undefined) await result;
    else expect(await refusalMessage(result)).toBe(`persistentvolumeclaims "data" is forbidden: ${message}`);
  });

  it('leaves a claim that is being deleted alone', async () => {
    const old = claim('5Gi');
    old.metadata.deletionTimestamp = '2025-01-01T00:00:00Z';
    const a = attributesFor(CLAIMS, claim('20Gi'), { operation: 'UPDATE', oldObject: old });
    await new LimitRanger(async () => [storage]).validate(a);
  });
});
