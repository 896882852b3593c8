import { describe, expect, it } from 'vitest';
import { validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate } from './persistent-volume-claim.ts';

function claim(
  spec: Record<string, unknown>,
  status: Record<string, unknown> = { phase: 'Pending' },
): Record<string, unknown> {
  return { metadata: { name: 'data', namespace: 'default' }, spec, status };
}

const valid = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' };

describe('PersistentVolumeClaims', () => {
  it('accepts a claim for one gibibyte', () => {
    expect(validatePersistentVolumeClaim(claim(valid))).toEqual([]);
  });

  it.each([
    [
      'access modes are required',
      { ...valid, accessModes: [] },
      ['spec.accessModes: Required value: at least 1 access mode is required'],
    ],
    [
      'access modes must be supported',
      { ...valid, accessModes: ['ReadWriteAll'] },
      [
        'spec.accessModes: Unsupported value: "ReadWriteAll": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      ],
    ],
    ['a storage request is required', { ...valid, resources: {} }, ['spec.resources[storage]: Required value']],
    [
      'the storage request must be positive',
      { ...valid, resources: { requests: { storage: '0' } } },
      ['spec.resources[storage]: Invalid value: "0": must be greater than zero'],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validatePersistentVolumeClaim(claim(spec)).map(String)).toEqual(expected);
  });

  it('allows a bound claim to grow', () => {
    const old = claim(valid, { phase: 'Bound' });
    const next = claim({ ...valid, resources: { requests: { storage: '2Gi' } } }, { phase: 'Bound' });
    expect(validatePersistentVolumeClaimUpdate(next, old)).toEqual([]);
  });

  it('refuses a bound claim that shrinks', () => {
    const old = claim({ ...valid, resources: { requests: { storage: '2Gi' } } }, { phase: 'Bound' });
    const next = claim(valid, { phase: 'Bound' });
    expect(validatePersistentVolumeClaimUpdate(next, old).map(String)).toEqual([
      'spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    ]);
  });

  it('refuses other spec changes with upstream words', () => {
    const errs = validatePersistentVolumeClaimUpdate(
      claim({ ...valid, accessModes: ['ReadWriteMany'] }),
      claim(valid),
    ).map(String);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /^spec: Forbidden: spec is immutable after creation except resources\.requests and volumeAttributesClassName for bound claims\n/,
    );
  });

  it('lets the binder set the volume name once', () => {
    expect(validatePersistentVolumeClaimUpdate(claim({ ...valid, volumeName: 'pv-1' }), claim(valid))).toEqual([]);
  });
});
