import { describe, expect, it } from 'vitest';
import { deepCopy } from './object.ts';

describe('deepCopy', () => {
  it('copies nested objects and arrays, so changing the copy leaves the original alone', () => {
    const original = {
      metadata: { name: 'a', labels: { app: 'web' } },
      spec: { containers: [{ name: 'c', args: ['x'] }] },
    };
    const copy = deepCopy(original);
    expect(copy).toEqual(original);
    copy.metadata.labels.app = 'changed';
    copy.spec.containers[0]!.args.push('y');
    expect(original.metadata.labels.app).toBe('web');
    expect(original.spec.containers[0]!.args).toEqual(['x']);
  });

  it('keeps fields set to undefined and null, and own "__proto__" keys as keys', () => {
    const original = JSON.parse('{"__proto__": {"polluted": true}, "n": null}') as Record<string, unknown>;
    original['u'] = undefined;
    const copy = deepCopy(original);
    expect(Object.keys(copy)).toEqual(['__proto__', 'n', 'u']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('copies values that are not plain objects as structuredClone does', () => {
    const original = { when: new Date(0), bytes: new Uint8Array([1, 2]) };
    const copy = deepCopy(original);
    expect(copy.when).not.toBe(original.when);
    expect(copy.when.getTime()).toBe(0);
    expect([...copy.bytes]).toEqual([1, 2]);
  });
});
