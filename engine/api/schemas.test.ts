// Tests of the run-time schema table: lazy loading, descriptions merged in, and lookups by group-version-kind.

import { describe, expect, it } from 'vitest';
import { propertyOf, resolveField } from './schema-table.ts';
import { builtinKinds, builtinSchemas, builtinSchemaTable, definitionForGVK } from './schemas.ts';

describe('builtinSchemas', () => {
  it('finds a definition by name', () => {
    expect(builtinSchemas.definition('io.k8s.api.apps.v1.Deployment')?.gvk).toEqual([
      { group: 'apps', version: 'v1', kind: 'Deployment' },
    ]);
  });

  it('carries our descriptions, so explain of deployment.spec.strategy has something to say', () => {
    const spec = builtinSchemas.definition('io.k8s.api.apps.v1.DeploymentSpec');
    const strategy = spec?.properties?.strategy;
    expect(strategy?.description).toMatch(/RollingUpdate/);
    const resolved = strategy ? resolveField(builtinSchemas, strategy) : undefined;
    expect(resolved?.definition?.description).toMatch(/replaces old Pods/);
    const rollingUpdate = resolved && propertyOf(builtinSchemas, resolved, 'rollingUpdate');
    const maxSurge = rollingUpdate && propertyOf(builtinSchemas, rollingUpdate, 'maxSurge');
    expect(maxSurge?.field?.description).toMatch(/above the wanted replica count/);
    expect(maxSurge?.format).toBe('int-or-string');
  });

  it('describes every kind', () => {
    const undescribed = builtinKinds()
      .filter((kind) => !builtinSchemas.definition(kind.definition)?.description)
      .map((kind) => kind.kind);
    expect(undescribed).toEqual([]);
  });

  it('keeps the strategic merge patch keys of the swagger document', () => {
    const containers = builtinSchemas.definition('io.k8s.api.core.v1.PodSpec')?.properties?.containers;
    expect(containers).toMatchObject({ patchStrategy: 'merge', patchMergeKey: 'name', listType: 'map' });
  });
});

describe('definitionForGVK', () => {
  it.each([
    ['', 'v1', 'Pod', 'io.k8s.api.core.v1.Pod'],
    ['apps', 'v1', 'Deployment', 'io.k8s.api.apps.v1.Deployment'],
    ['authentication.k8s.io', 'v1', 'TokenRequest', 'io.k8s.api.authentication.v1.TokenRequest'],
    [
      'apiextensions.k8s.io',
      'v1',
      'CustomResourceDefinition',
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    ],
    ['apps', 'v1', 'DeleteOptions', 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
  ])('maps group %j version %s kind %s to its definition', (group, version, kind, definition) => {
    expect(definitionForGVK(group, version, kind)).toBe(definition);
  });

  it('returns undefined for a kind the API does not have', () => {
    expect(definitionForGVK('apps', 'v1', 'Nothing')).toBeUndefined();
  });
});

describe('builtinSchemaTable', () => {
  it('returns the same loaded table every time', () => {
    expect(builtinSchemaTable()).toBe(builtinSchemaTable());
  });
});
