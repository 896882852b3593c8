import { describe, expect, it } from 'vitest';
import { validatePersistentVolume, validatePersistentVolumeUpdate } from './persistent-volume.ts';

const valid = {
  capacity: { storage: '10Gi' },
  accessModes: ['ReadWriteOnce'],
  hostPath: { path: '/data' },
  persistentVolumeReclaimPolicy: 'Retain',
};

function pv(spec: Record<string, unknown>): Record<string, unknown> {
  return { metadata: { name: 'pv-1' }, spec };
}

describe('PersistentVolumes', () => {
  it('accepts a hostPath volume', () => {
    expect(validatePersistentVolume(pv(valid))).toEqual([]);
  });

  it.each([
    [
      'a volume needs a source',
      { capacity: valid.capacity, accessModes: valid.accessModes },
      ['spec: Required value: must specify a volume type'],
    ],
    [
      'capacity is required',
      { ...valid, capacity: undefined },
      [
        'spec.capacity: Required value',
        'spec.capacity: Unsupported value: map[string]string{}: supported values: "storage"',
      ],
    ],
    [
      'a local volume needs node affinity',
      { ...valid, hostPath: undefined, local: { path: '/mnt/disk' } },
      ['spec.nodeAffinity: Required value: Local volume requires node affinity'],
    ],
    [
      'the reclaim policy must be supported',
      { ...valid, persistentVolumeReclaimPolicy: 'Keep' },
      [
        'spec.persistentVolumeReclaimPolicy: Unsupported value: "Keep": supported values: "Delete", "Recycle", "Retain"',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validatePersistentVolume(pv(spec)).map(String)).toEqual(expected);
  });

  it('refuses a changed source', () => {
    const errs = validatePersistentVolumeUpdate(pv({ ...valid, hostPath: { path: '/other' } }), pv(valid)).map(String);
    expect(errs[0]).toMatch(
      /^spec\.persistentvolumesource: Forbidden: spec\.persistentvolumesource is immutable after creation\n/,
    );
  });
});
