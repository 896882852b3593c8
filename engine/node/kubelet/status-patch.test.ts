import { describe, expect, it } from 'vitest';
import { POD_STATUS_MERGE_KEYS, statusPatch } from './status-patch.ts';

const ready = (status: string, extra: Record<string, unknown> = {}) => ({
  type: 'Ready',
  status,
  lastProbeTime: null,
  lastTransitionTime: 't1',
  ...extra,
});

describe('statusPatch', () => {
  it('has nothing to send for equal statuses', () => {
    const status = { phase: 'Running', conditions: [ready('True')] };
    expect(statusPatch(status, structuredClone(status), POD_STATUS_MERGE_KEYS)).toBeUndefined();
  });

  it('sends changed fields and nulls removed ones', () => {
    const before = { phase: 'Pending', message: 'm', containerStatuses: [{ name: 'a', state: { waiting: {} } }] };
    const after = { phase: 'Running', containerStatuses: [{ name: 'a', state: { running: {} } }] };
    expect(statusPatch(before, after, POD_STATUS_MERGE_KEYS)).toEqual({
      phase: 'Running',
      message: null,
      containerStatuses: [{ name: 'a', state: { running: {} } }],
    });
  });

  it('patches conditions item by item by type, with their order', () => {
    const before = {
      conditions: [{ type: 'PodScheduled', status: 'True' }, ready('False', { reason: 'ContainersNotReady' })],
    };
    const after = {
      conditions: [
        { type: 'Initialized', status: 'True' },
        ready('True', { lastTransitionTime: 't2' }),
        { type: 'PodScheduled', status: 'True' },
      ],
    };
    expect(statusPatch(before, after, POD_STATUS_MERGE_KEYS)).toEqual({
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True', lastTransitionTime: 't2', reason: null },
      ],
      '$setElementOrder/conditions': [{ type: 'Initialized' }, { type: 'Ready' }, { type: 'PodScheduled' }],
    });
  });

  it('deletes items of a keyed list that are gone', () => {
    const patch = statusPatch({ podIPs: [{ ip: 'a' }, { ip: 'b' }] }, { podIPs: [{ ip: 'a' }] }, POD_STATUS_MERGE_KEYS);
    expect(patch).toEqual({ podIPs: [{ ip: 'b', $patch: 'delete' }], '$setElementOrder/podIPs': [{ ip: 'a' }] });
  });
});
