import { describe, expect, test } from 'vitest';
import type { FieldSet } from './field-set.ts';
import { EMPTY_SET, fieldSetOf, memberPaths } from './field-set.ts';
import type { VersionedSet } from './managers.ts';
import { formatPath } from './path-element.ts';
import { widgetType } from './test-schema.ts';
import type { UpdaterContext } from './updater.ts';
import { ApplyConflicts, apply, update } from './updater.ts';

const ctx: UpdaterContext = { type: widgetType, typed: true, ignored: EMPTY_SET };

function set(...paths: string[]): FieldSet {
  return fieldSetOf(paths.map((p) => p.split('.').map((name) => `f:${name}`)));
}

function owners(managers: Map<string, VersionedSet>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [manager, versioned] of managers) out[manager] = memberPaths(versioned.set).map(formatPath);
  return out;
}

function managersOf(entries: Record<string, [FieldSet, boolean]>): Map<string, VersionedSet> {
  return new Map(Object.entries(entries).map(([id, [s, applied]]) => [id, { set: s, apiVersion: 'v1', applied }]));
}

const live = { spec: { replicas: 1, paused: false, containers: [{ name: 'a', image: 'x' }] } };

describe('update', () => {
  test('moves the fields a write changes to its manager', () => {
    const managers = managersOf({ creator: [set('spec.replicas', 'spec.paused'), false] });
    update(live, { ...live, spec: { ...live.spec, replicas: 3 } }, 'v1', managers, 'editor', ctx);
    expect(owners(managers)).toEqual({ creator: ['.spec.paused'], editor: ['.spec.replicas'] });
  });

  test('takes a removed field from everybody', () => {
    const managers = managersOf({ creator: [set('spec.replicas', 'spec.paused'), false] });
    update(live, { spec: { ...live.spec, paused: undefined } }, 'v1', managers, 'editor', ctx);
    expect(owners(managers)).toEqual({ creator: ['.spec.replicas'] });
  });

  test('records nothing for a write that changes nothing', () => {
    const managers = managersOf({ creator: [set('spec.replicas'), false] });
    update(live, structuredClone(live), 'v1', managers, 'editor', ctx);
    expect(owners(managers)).toEqual({ creator: ['.spec.replicas'] });
  });

  test('gives nobody the fields the endpoint resets', () => {
    const managers = managersOf({});
    const ignoring = { ...ctx, ignored: set('status') };
    update(live, { ...live, status: { ready: 1 } }, 'v1', managers, 'writer', ignoring);
    expect(owners(managers)).toEqual({});
  });
});

describe('apply', () => {
  const config = { spec: { replicas: 5 } };

  test('fails on a field another manager owns with a different value', () => {
    const managers = managersOf({ creator: [set('spec.replicas'), false] });
    let error: unknown;
    try {
      apply(live, config, 'v1', managers, 'applier', false, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApplyConflicts);
    expect((error as ApplyConflicts).conflicts).toEqual([{ manager: 'creator', path: ['f:spec', 'f:replicas'] }]);
  });

  test('with force takes the field over', () => {
    const managers = managersOf({ creator: [set('spec.replicas', 'spec.paused'), false] });
    const next = apply(live, config, 'v1', managers, 'applier', true, ctx);
    expect(next).toEqual({ ...live, spec: { ...live.spec, replicas: 5 } });
    expect(owners(managers)).toEqual({ creator: ['.spec.paused'], applier: ['.spec.replicas'] });
  });

  test('shares a field it sets to the value it already has', () => {
    const managers = managersOf({ creator: [set('spec.replicas'), false] });
    const next = apply(live, { spec: { replicas: 1 } }, 'v1', managers, 'applier', false, ctx);
    expect(next).toBeUndefined();
    expect(owners(managers)).toEqual({ creator: ['.spec.replicas'], applier: ['.spec.replicas'] });
  });

  test('removes a field it applied before and no longer applies', () => {
    const managers = managersOf({ applier: [set('spec.replicas', 'spec.paused'), true] });
    const next = apply(live, { spec: { paused: false } }, 'v1', managers, 'applier', false, ctx);
    expect(next).toEqual({ spec: { paused: false, containers: [{ name: 'a', image: 'x' }] } });
    expect(owners(managers)).toEqual({ applier: ['.spec.paused'] });
  });

  test('keeps a field it no longer applies when another manager owns it too', () => {
    const managers = managersOf({ applier: [set('spec.replicas'), true], other: [set('spec.replicas'), true] });
    const next = apply(live, { spec: { paused: false } }, 'v1', managers, 'applier', false, ctx);
    expect(next).toBeUndefined();
    expect(owners(managers)).toEqual({ applier: ['.spec.paused'], other: ['.spec.replicas'] });
  });

  test('removes a container it no longer applies, with everything in it', () => {
    const object = {
      spec: {
        containers: [
          { name: 'a', image: 'x' },
          { name: 'b', image: 'y' },
        ],
      },
    };
    const applied = fieldSetOf([
      ['f:spec', 'f:containers', 'k:{"name":"a"}'],
      ['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:name'],
      ['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image'],
      ['f:spec', 'f:containers', 'k:{"name":"b"}'],
      ['f:spec', 'f:containers', 'k:{"name":"b"}', 'f:name'],
      ['f:spec', 'f:containers', 'k:{"name":"b"}', 'f:image'],
    ]);
    const managers = managersOf({ applier: [applied, true] });
    const next = apply(
      object,
      { spec: { containers: [{ name: 'b', image: 'y' }] } },
      'v1',
      managers,
      'applier',
      false,
      ctx,
    );
    expect(next).toEqual({ spec: { containers: [{ name: 'b', image: 'y' }] } });
  });
});
