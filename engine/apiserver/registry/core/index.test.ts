import { describe, expect, it } from 'vitest';
import { definitionForGVK } from '../../../api/schemas.ts';
import { coreResources } from './index.ts';

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

describe('core resources in discovery', () => {
  it.each<[string, boolean, string[] | undefined, string[] | undefined, string[], string[]]>([
    [
      'pods',
      true,
      ['po'],
      ['all'],
      ALL,
      ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
    ],
    ['services', true, ['svc'], ['all'], ALL, ['proxy', 'status']],
    ['endpoints', true, ['ep'], undefined, ALL, []],
    ['nodes', false, ['no'], undefined, ALL, ['proxy', 'status']],
    [
      'namespaces',
      false,
      ['ns'],
      undefined,
      ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      ['finalize', 'status'],
    ],
    ['configmaps', true, ['cm'], undefined, ALL, []],
    ['secrets', true, undefined, undefined, ALL, []],
    ['serviceaccounts', true, ['sa'], undefined, ALL, ['token']],
    ['events', true, ['ev'], undefined, ALL, []],
    ['persistentvolumes', false, ['pv'], undefined, ALL, ['status']],
    ['persistentvolumeclaims', true, ['pvc'], undefined, ALL, ['status']],
    ['replicationcontrollers', true, ['rc'], ['all'], ALL, ['scale', 'status']],
    ['resourcequotas', true, ['quota'], undefined, ALL, ['status']],
    ['limitranges', true, ['limits'], undefined, ALL, []],
    ['podtemplates', true, undefined, undefined, ALL, []],
    ['bindings', true, undefined, undefined, ['create'], []],
    ['componentstatuses', false, ['cs'], undefined, ['get', 'list'], []],
  ])(
    '%s is listed as a real 1.32 cluster lists it',
    (resource, namespaced, shortNames, categories, verbs, subresources) => {
      const def = coreResources.find((d) => d.resource === resource);
      expect(def).toBeDefined();
      expect(def?.group).toBe('');
      expect(def?.namespaced).toBe(namespaced);
      expect(def?.shortNames).toEqual(shortNames);
      expect(def?.categories).toEqual(categories);
      expect(def?.verbs).toEqual(verbs);
      expect(Object.keys(def?.subresources ?? {}).sort()).toEqual(subresources);
    },
  );

  it('names each kind by its OpenAPI definition', () => {
    for (const def of coreResources)
      expect(definitionForGVK(def.group, def.version, def.kind), def.resource).toBe(def.schema);
  });

  it('answers pods/eviction with a policy/v1 Eviction and serviceaccounts/token with a TokenRequest', () => {
    const pods = coreResources.find((d) => d.resource === 'pods');
    const sa = coreResources.find((d) => d.resource === 'serviceaccounts');
    expect(pods?.subresources?.eviction).toEqual({
      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
      verbs: ['create'],
    });
    expect(sa?.subresources?.token).toEqual({
      responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
      verbs: ['create'],
    });
  });
});
