// Tests for the DefaultStorageClass admission plugin.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { AdmissionOperation } from '../admission.ts';
import { DefaultStorageClass } from './default-storage-class.ts';
import { attributesFor } from './test-attributes.ts';

const CLAIMS = { resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' };

const storageClass = (name: string, created: string, annotations: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name, creationTimestamp: created, annotations },
  provisioner: 'kubelab.io/hostpath',
});
const isDefault = { 'storageclass.kubernetes.io/is-default-class': 'true' };

const standard = storageClass('standard', '2025-01-01T00:00:00Z', isDefault);
const fast = storageClass('fast', '2025-02-01T00:00:00Z');

const claim = (spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'data', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec },
});

async function admittedClass(
  classes: KubeObject[],
  object: KubeObject,
  operation: AdmissionOperation = 'CREATE',
): Promise<unknown> {
  await new DefaultStorageClass(async () => classes).admit(attributesFor(CLAIMS, object, { operation }));
  return (object.spec as { storageClassName?: unknown }).storageClassName;
}

describe('DefaultStorageClass', () => {
  it.each<[string, KubeObject[], KubeObject, unknown]>([
    ['gives a claim without a class the default class', [fast, standard], claim(), 'standard'],
    ['leaves a claim alone when no class is the default', [fast], claim(), undefined],
    ['keeps the class a claim names', [fast, standard], claim({ storageClassName: 'fast' }), 'fast'],
    ['keeps an empty class name, which asks for no class', [standard], claim({ storageClassName: '' }), ''],
    [
      'keeps a claim that names its class in the beta annotation',
      [standard],
      claim({}, { 'volume.beta.kubernetes.io/storage-class': 'fast' }),
      undefined,
    ],
    [
      'honours the beta default annotation',
      [storageClass('old', '2025-01-01T00:00:00Z', { 'storageclass.beta.kubernetes.io/is-default-class': 'true' })],
      claim(),
      'old',
    ],
    [
      'ignores a default annotation that is not exactly "true"',
      [storageClass('maybe', '2025-01-01T00:00:00Z', { 'storageclass.kubernetes.io/is-default-class': 'True' })],
      claim(),
      undefined,
    ],
    [
      'picks the newest of several defaults',
      [standard, storageClass('newer', '2025-03-01T00:00:00Z', isDefault)],
      claim(),
      'newer',
    ],
    [
      'picks the first name among defaults created at the same time',
      [storageClass('b', '2025-03-01T00:00:00Z', isDefault), storageClass('a', '2025-03-01T00:00:00Z', isDefault)],
      claim(),
      'a',
    ],
  ])('%s', async (_name, classes, object, expected) => {
    expect(await admittedClass(classes, object)).toBe(expected);
  });

  it('leaves updates alone', async () => {
    expect(await admittedClass([standard], claim(), 'UPDATE')).toBeUndefined();
  });
});
