import { describe, expect, it } from 'vitest';
import type { ObjectIdentity } from './graph.ts';
import { ReferenceCache } from './reference-cache.ts';

const id = (name: string, namespace = 'lab'): ObjectIdentity => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  name,
  uid: `uid-${name}`,
  namespace,
});

describe('ReferenceCache', () => {
  it('remembers an identity, and tells namespaces apart', () => {
    const cache = new ReferenceCache();
    cache.add(id('a'));
    expect(cache.has(id('a'))).toBe(true);
    expect(cache.has(id('a', 'other'))).toBe(false);
    expect(cache.has(id('b'))).toBe(false);
  });

  it('forgets the least recently used identity once full', () => {
    const cache = new ReferenceCache(2);
    cache.add(id('a'));
    cache.add(id('b'));
    expect(cache.has(id('a'))).toBe(true);
    cache.add(id('c'));
    expect(cache.has(id('b'))).toBe(false);
    expect(cache.has(id('a'))).toBe(true);
    expect(cache.has(id('c'))).toBe(true);
  });
});
