import { describe, expect, it } from 'vitest';

import { FieldError } from '../errors/field-error.ts';
import type { Json } from './access.ts';
import {
  validateCSIDriver,
  validateCSIDriverUpdate,
  validateCSINode,
  validateCSINodeUpdate,
  validateCSIStorageCapacity,
  validateCSIStorageCapacityUpdate,
  validateStorageClass,
  validateStorageClassUpdate,
  validateVolumeAttachment,
  validateVolumeAttachmentUpdate,
} from './storage.ts';

/** Messages with composite bad values masked as "…", so they do not depend on how Go literals are rendered. */
const messages = (errs: FieldError[]): string[] =>
  errs.map((e) =>
    String(
      typeof e.badValue === 'object' && e.badValue !== null ? new FieldError(e.type, e.field, '…', e.detail, false) : e,
    ),
  );

const sc = (fields: Json): Json => ({
  metadata: { name: 'fast' },
  provisioner: 'csi.example.com',
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'Immediate',
  ...fields,
});

describe('validateStorageClass', () => {
  const cases: [string, Json, string[]][] = [
    ['accepts a defaulted class', sc({ parameters: { type: 'ssd' } }), []],
    ['requires a provisioner', sc({ provisioner: '' }), ['provisioner: Required value']],
    [
      'rejects an unknown reclaim policy',
      sc({ reclaimPolicy: 'Recycle' }),
      ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"'],
    ],
    [
      'rejects an unknown binding mode',
      sc({ volumeBindingMode: 'Later' }),
      ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"'],
    ],
    [
      'rejects a topology expression without values',
      sc({ allowedTopologies: [{ matchLabelExpressions: [{ key: 'zone' }] }] }),
      ['allowedTopologies[0].matchLabelExpressions[0].values: Required value'],
    ],
    [
      'rejects a repeated topology term',
      sc({
        allowedTopologies: [
          { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] },
          { matchLabelExpressions: [{ key: 'zone', values: ['a'] }] },
        ],
      }),
      ['allowedTopologies[1].matchLabelExpressions: Duplicate value: ""'],
    ],
  ];
  it.each(cases)('%s', (_name, obj, expected) => {
    expect(messages(validateStorageClass(obj))).toEqual(expected);
  });

  it('forbids changing parameters, provisioner, reclaim policy and binding mode', () => {
    const old = sc({ parameters: { type: 'ssd' } });
    const changed = sc({
      parameters: { type: 'hdd' },
      provisioner: 'other.example.com',
      reclaimPolicy: 'Retain',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    expect(messages(validateStorageClassUpdate(changed, old))).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'provisioner: Forbidden: updates to provisioner are forbidden.',
      'reclaimPolicy: Forbidden: updates to reclaimPolicy are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });
});

describe('validateVolumeAttachment', () => {
  const va = (spec: Json): Json => ({ metadata: { name: 'csi-123' }, spec, status: { attached: false } });
  it('accepts an attachment of a persistent volume', () => {
    expect(
      validateVolumeAttachment(
        va({ attacher: 'csi.example.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } }),
      ),
    ).toEqual([]);
  });
  it('requires exactly one source', () => {
    expect(
      messages(validateVolumeAttachment(va({ attacher: 'csi.example.com', nodeName: 'node-1', source: {} }))),
    ).toEqual(['spec.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName']);
  });
  it('refuses any change of the spec', () => {
    const old = va({ attacher: 'csi.example.com', nodeName: 'node-1', source: { persistentVolumeName: 'pv-1' } });
    const changed = va({ attacher: 'csi.example.com', nodeName: 'node-2', source: { persistentVolumeName: 'pv-1' } });
    expect(messages(validateVolumeAttachmentUpdate(changed, old))).toEqual([
      'spec: Invalid value: "…": field is immutable',
    ]);
  });
});

describe('validateCSIDriver', () => {
  const driver = (spec: Json): Json => ({
    metadata: { name: 'csi.example.com' },
    spec: { attachRequired: true, podInfoOnMount: false, storageCapacity: false, seLinuxMount: false, ...spec },
  });
  it('accepts a defaulted driver', () => {
    expect(validateCSIDriver(driver({ fsGroupPolicy: 'File', volumeLifecycleModes: ['Persistent'] }))).toEqual([]);
  });
  it('rejects an unknown fsGroupPolicy and lifecycle mode', () => {
    expect(
      messages(validateCSIDriver(driver({ fsGroupPolicy: 'Always', volumeLifecycleModes: ['Temporary'] }))),
    ).toEqual([
      'spec.fsGroupPolicy: Unsupported value: "Always": supported values: "File", "None", "ReadWriteOnceWithFSType"',
      'spec.volumeLifecycleModes: Unsupported value: "Temporary": supported values: "Persistent", "Ephemeral"',
    ]);
  });
  it('rejects short token expirations', () => {
    expect(messages(validateCSIDriver(driver({ tokenRequests: [{ audience: 'a', expirationSeconds: 60 }] })))).toEqual([
      'spec.tokenRequests[0].expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes',
    ]);
  });
  it("refuses to change attachRequired, reported at upstream's path", () => {
    expect(messages(validateCSIDriverUpdate(driver({ attachRequired: false }), driver({})))).toEqual([
      'spec.attachedRequired: Invalid value: false: field is immutable',
    ]);
  });
});

describe('validateCSINode', () => {
  const node = (drivers: Json[]): Json => ({ metadata: { name: 'node-1' }, spec: { drivers } });
  it('rejects a driver registered twice and a missing node ID', () => {
    expect(
      messages(
        validateCSINode(
          node([
            { name: 'csi.example.com', nodeID: 'n1' },
            { name: 'csi.example.com', nodeID: '' },
          ]),
        ),
      ),
    ).toEqual(['spec.drivers[1].nodeID: Required value', 'spec.drivers[1].name: Duplicate value: "csi.example.com"']);
  });
  it('refuses to change a registered driver', () => {
    const old = node([{ name: 'csi.example.com', nodeID: 'n1' }]);
    expect(messages(validateCSINodeUpdate(node([{ name: 'csi.example.com', nodeID: 'n2' }]), old))).toEqual([
      'spec.drivers: Invalid value: "…": field is immutable',
    ]);
  });
});

describe('validateCSIStorageCapacity', () => {
  const capacity = (fields: Json): Json => ({
    metadata: { name: 'c', namespace: 'kube-system' },
    storageClassName: 'fast',
    ...fields,
  });
  it('rejects a negative capacity', () => {
    expect(messages(validateCSIStorageCapacity(capacity({ capacity: '-1Gi' })))).toEqual([
      'capacity: Invalid value: "-1Gi": must be greater than or equal to 0',
    ]);
  });
  it('refuses to change the storage class', () => {
    expect(messages(validateCSIStorageCapacityUpdate(capacity({ storageClassName: 'slow' }), capacity({})))).toEqual([
      'storageClassName: Invalid value: "slow": field is immutable',
    ]);
  });
});
