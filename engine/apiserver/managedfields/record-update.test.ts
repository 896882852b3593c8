import { describe, expect, test } from 'vitest';
import { EMPTY_SET, fieldSetOf, memberPaths } from './field-set.ts';
import { emptyManaged } from './managers.ts';
import { recordUpdate } from './record-update.ts';
import { widgetType } from './test-schema.ts';

const ctx = { type: widgetType, typed: true, ignored: EMPTY_SET };

describe('recordUpdate', () => {
  test('adds what a write changed to what its manager owned, and stamps the time', () => {
    const managed = emptyManaged();
    managed.fields.set('m', { set: fieldSetOf([['f:spec', 'f:paused']]), apiVersion: 'v1', applied: false });
    managed.times.set('m', '2024-01-01T00:00:00Z');
    recordUpdate(
      { spec: { paused: true } },
      { spec: { paused: true, replicas: 2 } },
      managed,
      'm',
      'v1',
      '2024-02-02T00:00:00Z',
      ctx,
    );
    expect(memberPaths(managed.fields.get('m')!.set)).toEqual([
      ['f:spec', 'f:paused'],
      ['f:spec', 'f:replicas'],
    ]);
    expect(managed.times.get('m')).toBe('2024-02-02T00:00:00Z');
  });

  test('leaves the time of a manager whose write changed nothing', () => {
    const managed = emptyManaged();
    managed.fields.set('m', { set: fieldSetOf([['f:spec', 'f:paused']]), apiVersion: 'v1', applied: false });
    managed.times.set('m', '2024-01-01T00:00:00Z');
    recordUpdate(
      { spec: { paused: true } },
      { spec: { paused: true } },
      managed,
      'm',
      'v1',
      '2024-02-02T00:00:00Z',
      ctx,
    );
    expect(managed.times.get('m')).toBe('2024-01-01T00:00:00Z');
  });

  test('never records apiVersion, kind or the object name', () => {
    const managed = emptyManaged();
    recordUpdate(
      {},
      { apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } },
      managed,
      'm',
      'v1',
      '2024-01-01T00:00:00Z',
      ctx,
    );
    expect(managed.fields.size).toBe(0);
  });
});
