import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { apiextensionsResources } from './index.ts';

const ctx = (): StrategyContext => ({ user: { username: 'u', groups: [] }, now: 0, namespace: '', warnings: [] });

describe('apiextensions.k8s.io resources', () => {
  const crds = apiextensionsResources[0]!;
  const crd = (): KubeObject => ({
    metadata: { name: 'crontabs.stable.example.com' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  });

  it('serves customresourcedefinitions as a real cluster discovers them', () => {
    expect(crds).toMatchObject({
      group: 'apiextensions.k8s.io',
      version: 'v1',
      kind: 'CustomResourceDefinition',
      listKind: 'CustomResourceDefinitionList',
      resource: 'customresourcedefinitions',
      singular: 'customresourcedefinition',
      namespaced: false,
      shortNames: ['crd', 'crds'],
      categories: ['api-extensions'],
      storagePrefix: 'apiextensions.k8s.io/customresourcedefinitions',
    });
    expect(Object.keys(crds.subresources ?? {})).toEqual(['status']);
    expect(crds.schema).toBe(definitionForGVK('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition'));
    expect(crds.strategy).toMatchObject({
      tracksGeneration: true,
      allowCreateOnUpdate: false,
      allowUnconditionalUpdate: false,
    });
  });

  it('stores a new CRD as a real cluster does before it is established', () => {
    const obj = crd();
    crds.strategy.defaults?.(obj);
    crds.strategy.prepareForCreate?.(obj, ctx());
    expect(obj.spec).toMatchObject({
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList', shortNames: ['ct'] },
      conversion: { strategy: 'None' },
    });
    expect(obj.status).toEqual({ conditions: null, acceptedNames: { plural: '', kind: '' }, storedVersions: ['v1'] });
    expect(crds.strategy.validate?.(obj, ctx())).toEqual([]);
  });

  it('adds a new storage version to the stored versions on update', () => {
    const obj = crd();
    obj.status = { storedVersions: ['v1'] };
    (obj.spec as { versions: unknown[] }).versions = [
      { name: 'v1', served: true, storage: false },
      { name: 'v2', served: true, storage: true },
    ];
    crds.strategy.prepareForUpdate?.(obj, crd(), ctx());
    expect(obj.status).toEqual({ storedVersions: ['v1', 'v2'] });
  });
});
