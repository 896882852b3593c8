import { describe, expect, it } from 'vitest';
import { definitionForGVK } from '../../../api/schemas.ts';
import { batchResources } from './index.ts';

describe('batch resources in discovery', () => {
  it.each<[string, string[] | undefined]>([
    ['jobs', undefined],
    ['cronjobs', ['cj']],
  ])('%s is listed as a real 1.32 cluster lists it', (resource, shortNames) => {
    const def = batchResources.find((d) => d.resource === resource);
    expect(def?.group).toBe('batch');
    expect(def?.shortNames).toEqual(shortNames);
    expect(def?.categories).toEqual(['all']);
    expect(Object.keys(def?.subresources ?? {})).toEqual(['status']);
    expect(definitionForGVK('batch', 'v1', def?.kind ?? '')).toBe(def?.schema);
  });
});
