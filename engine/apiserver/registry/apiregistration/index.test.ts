import { describe, expect, it } from 'vitest';

import { definitionForGVK } from '../../../api/schemas.ts';
import { apiregistrationResources } from './index.ts';

describe('apiregistration.k8s.io resources', () => {
  const apiServices = apiregistrationResources[0]!;

  it('serves apiservices as a real cluster discovers them', () => {
    expect(apiServices).toMatchObject({
      group: 'apiregistration.k8s.io',
      version: 'v1',
      kind: 'APIService',
      listKind: 'APIServiceList',
      resource: 'apiservices',
      singular: 'apiservice',
      namespaced: false,
      categories: ['api-extensions'],
      storagePrefix: 'apiregistration.k8s.io/apiservices',
    });
    expect(Object.keys(apiServices.subresources ?? {})).toEqual(['status']);
    expect(apiServices.schema).toBe(definitionForGVK('apiregistration.k8s.io', 'v1', 'APIService'));
  });

  it("accepts the core group's name, which is not a DNS name", () => {
    expect(apiServices.validateName?.('v1.', false)).toEqual([]);
  });
});
