import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { StrategyContext } from '../registry/resource-definition.ts';
import { readCustomResourceVersion } from './crd-version.ts';
import { customResourceStrategy } from './custom-resource-strategy.ts';
import { cronTabCRD } from './test-crds.ts';

const version = readCustomResourceVersion(cronTabCRD, 'v1')!;
const strategy = customResourceStrategy(version);

function context(): StrategyContext {
  return { user: { username: 'ada', groups: [] }, now: 0, namespace: 'default', warnings: [] };
}

function cronTab(spec: Record<string, unknown>, extra: Partial<KubeObject> = {}): KubeObject {
  return {
    apiVersion: 'stable.example.com/v1',
    kind: 'CronTab',
    metadata: { name: 'tab', namespace: 'default' },
    spec,
    ...extra,
  };
}

describe('customResourceStrategy', () => {
  it('prunes and defaults when an object is decoded', () => {
    const obj = cronTab({ cronSpec: '* * * * *', foo: 'bar' });
    strategy.defaults?.(obj);
    expect(obj.spec).toEqual({ cronSpec: '* * * * *', replicas: 1 });
  });

  it('drops status on create, since the status sub-resource owns it', () => {
    const obj = cronTab({ cronSpec: '* * * * *' }, { status: { replicas: 3 } });
    strategy.prepareForCreate?.(obj, context());
    expect(obj['status']).toBeUndefined();
  });

  it('behaves as upstream on updates: no create on update, resourceVersion required, generation tracked', () => {
    expect(strategy).toMatchObject({
      allowCreateOnUpdate: false,
      allowUnconditionalUpdate: false,
      tracksGeneration: true,
    });
  });

  it.each<[string, KubeObject, string[]]>([
    ['accepts a valid object', cronTab({ cronSpec: '* * * * *', replicas: 2 }), []],
    [
      'reports schema errors',
      cronTab({ cronSpec: '* * * * *', replicas: 20 }),
      ['spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10'],
    ],
    [
      'reports the scale replicas check',
      cronTab({ cronSpec: '* * * * *' }, { status: { replicas: -1 } }),
      ['.status.replicas: Invalid value: -1: should be a non-negative integer'],
    ],
    [
      'reports a wrong kind and apiVersion instead of the schema',
      { ...cronTab({}), kind: 'Other', apiVersion: 'x/v1' },
      [
        'kind: Invalid value: "Other": must be CronTab',
        'apiVersion: Invalid value: "x/v1": must be stable.example.com/v1',
      ],
    ],
  ])('on create, %s', (_name, obj, expected) => {
    expect(strategy.validate?.(obj, context()).map(String)).toEqual(expected);
  });

  it('warns about finalizers without a domain on create', () => {
    const ctx = context();
    const obj = cronTab({ cronSpec: '* * * * *' });
    obj.metadata.finalizers = ['cleanup', 'example.com/cleanup'];
    expect(strategy.validate?.(obj, ctx)).toEqual([]);
    expect(ctx.warnings).toEqual([
      'metadata.finalizers: "cleanup": prefer a domain-qualified finalizer name to avoid accidental conflicts with other finalizer writers',
    ]);
  });

  it('on update, lets values that did not change keep breaking a newer schema', () => {
    const old = cronTab({ cronSpec: '* * * * *', replicas: 20 });
    const obj = cronTab({ cronSpec: '* * * * *', replicas: 20, image: 'new' });
    expect(strategy.validateUpdate?.(obj, old, context())).toEqual([]);
  });

  it('on a status write, validates only status', () => {
    const old = cronTab({ cronSpec: 'bad' });
    const obj = cronTab({ cronSpec: 'bad' }, { status: { replicas: 'three' } });
    expect(strategy.validateStatusUpdate?.(obj, old, context()).map(String)).toEqual([
      'status.replicas: Invalid value: "string": replicas in body must be of type integer: "string"',
      '.status.replicas: Invalid value: 0: .status.replicas accessor error: three is of the type string, expected int64',
    ]);
  });
});
