import { describe, expect, test } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { EMPTY_SET, memberPaths } from './field-set.ts';
import { LAST_APPLIED_ANNOTATION, allowedConflictsFromLastApplied, withLastAppliedUpdated } from './last-applied.ts';
import { formatPath } from './path-element.ts';
import { widgetType } from './test-schema.ts';

const ctx = { type: widgetType, typed: true, ignored: EMPTY_SET };

function liveWith(annotation: string | undefined): KubeObject {
  return {
    apiVersion: 'example.io/v1',
    kind: 'Widget',
    metadata: { name: 'w', annotations: annotation === undefined ? {} : { [LAST_APPLIED_ANNOTATION]: annotation } },
    spec: { replicas: 1, paused: false },
  };
}

const lastApplied = JSON.stringify({
  apiVersion: 'example.io/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec: { replicas: 1, paused: true },
});

describe('allowedConflictsFromLastApplied', () => {
  test('allows the fields whose live value is still the last applied one', () => {
    const allowed = allowedConflictsFromLastApplied(liveWith(lastApplied), 'example.io/v1', ctx);
    expect(memberPaths(allowed!).map(formatPath)).toEqual(['.apiVersion', '.kind', '.metadata.name', '.spec.replicas']);
  });

  test.each([
    ['there is no annotation', undefined],
    ['the annotation is not JSON', '{nope'],
    ['the annotation has another API version', lastApplied.replace('example.io/v1', 'example.io/v2')],
    ['the annotation does not fit the schema', JSON.stringify({ apiVersion: 'example.io/v1', spec: { foo: 1 } })],
  ])('allows nothing when %s', (_name, annotation) => {
    expect(allowedConflictsFromLastApplied(liveWith(annotation), 'example.io/v1', ctx)).toBeUndefined();
  });
});

describe('withLastAppliedUpdated', () => {
  const config: KubeObject = {
    apiVersion: 'example.io/v1',
    kind: 'Widget',
    metadata: { name: 'w', annotations: { [LAST_APPLIED_ANNOTATION]: 'old', note: 'a<b' } },
    spec: { replicas: 2 },
  };

  test('writes the configuration as kubectl would: sorted Go JSON and a newline, without the annotation itself', () => {
    const updated = withLastAppliedUpdated(liveWith(lastApplied), config);
    expect(updated.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBe(
      '{"apiVersion":"example.io/v1","kind":"Widget","metadata":{"annotations":{"note":"a\\u003cb"},"name":"w"},"spec":{"replicas":2}}\n',
    );
  });

  test('leaves an object without the annotation as it is', () => {
    const object = liveWith(undefined);
    expect(withLastAppliedUpdated(object, config)).toBe(object);
  });

  test('drops the annotation when the annotations would grow beyond 256 KiB', () => {
    const big: KubeObject = { ...config, spec: { blob: 'x'.repeat(300 * 1024) } };
    const updated = withLastAppliedUpdated(liveWith(lastApplied), big);
    expect(updated.metadata.annotations?.[LAST_APPLIED_ANNOTATION]).toBeUndefined();
  });
});
