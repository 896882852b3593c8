// Tests of the name mapping between protobuf messages and schema definitions.

import { describe, expect, it } from 'vitest';
import { definitionNameOfMessage, fieldNameKey } from './names.ts';

describe('definitionNameOfMessage', () => {
  it.each([
    ['k8s.io.api.apps.v1.Deployment', 'io.k8s.api.apps.v1.Deployment'],
    ['k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'],
    [
      'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
    ],
    [
      'k8s.io.kube_aggregator.pkg.apis.apiregistration.v1.APIService',
      'io.k8s.kube-aggregator.pkg.apis.apiregistration.v1.APIService',
    ],
  ])('maps %s to %s', (message, definition) => {
    expect(definitionNameOfMessage(message)).toBe(definition);
  });

  it('refuses a name outside k8s.io', () => {
    expect(() => definitionNameOfMessage('google.protobuf.Any')).toThrow('not a Kubernetes protobuf message name');
  });
});

describe('fieldNameKey', () => {
  it.each([
    ['aPIGroup', 'apiGroup'],
    ['uID', 'uid'],
    ['ref', '$ref'],
    ['xKubernetesListMapKeys', 'x-kubernetes-list-map-keys'],
  ])('matches proto %s with JSON %s', (proto, json) => {
    expect(fieldNameKey(proto)).toBe(fieldNameKey(json));
  });
});
