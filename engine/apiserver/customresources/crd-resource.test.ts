import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { ALL_VERBS } from '../registry/resource-definition.ts';
import { customResourceDefinitionFor } from './crd-resource.ts';
import { cronTabCRD, pipelineCRD } from './test-crds.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('customResourceDefinitionFor', () => {
  it('describes the namespaced CronTab with its names, storage and sub-resources', () => {
    const served = customResourceDefinitionFor(cronTabCRD, 'v1');
    const definition = served?.definition;
    expect(definition).toMatchObject({
      group: 'stable.example.com',
      version: 'v1',
      kind: 'CronTab',
      listKind: 'CronTabList',
      resource: 'crontabs',
      singular: 'crontab',
      namespaced: true,
      shortNames: ['ct'],
      categories: ['all'],
      schema: 'com.example.stable.v1.CronTab',
      storagePrefix: 'stable.example.com/crontabs',
      customResource: true,
      subresources: {
        status: {
          responseKind: { group: 'stable.example.com', version: 'v1', kind: 'CronTab' },
          verbs: ['get', 'patch', 'update'],
        },
        scale: {
          responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
          verbs: ['get', 'patch', 'update'],
        },
      },
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.labelSelector',
      },
    });
    expect(definition?.verbs).toEqual(ALL_VERBS);
    expect(definition?.validateName?.('Bad_Name', false)).toHaveLength(1);
    expect(Object.keys(served?.schemas.definitions ?? {})).toContain('com.example.stable.v1.CronTab.spec');
  });

  it('prints the printer columns of the version', () => {
    const table = customResourceDefinitionFor(cronTabCRD, 'v1')?.definition.table;
    expect(table?.columns.map((c) => c.name)).toEqual(['Name', 'Spec', 'Replicas', 'Age']);
    const obj: KubeObject = {
      metadata: { name: 'tab', creationTimestamp: '2025-03-01T11:00:00Z' },
      spec: { cronSpec: '* * * * */5', replicas: 3 },
    };
    expect(table?.row(obj, NOW)).toEqual(['tab', '* * * * */5', 3, '60m']);
  });

  it('selects by the selectable fields of the version', () => {
    const selectors = customResourceDefinitionFor(cronTabCRD, 'v1')?.definition.fieldSelectors;
    expect(selectors?.['spec.image']?.({ metadata: {}, spec: { image: 'nginx' } })).toBe('nginx');
    expect(selectors?.['spec.image']?.({ metadata: {}, spec: {} })).toBe('');
  });

  it('describes the cluster-scoped Pipeline with defaulted singular and listKind', () => {
    const definition = customResourceDefinitionFor(pipelineCRD, 'v1')?.definition;
    expect(definition).toMatchObject({
      kind: 'Pipeline',
      listKind: 'PipelineList',
      resource: 'pipelines',
      singular: 'pipeline',
      namespaced: false,
      storagePrefix: 'ci.example.io/pipelines',
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' },
    });
    expect(definition?.shortNames).toBeUndefined();
    expect(definition?.fieldSelectors).toBeUndefined();
    expect(Object.keys(definition?.subresources ?? {})).toEqual(['status', 'scale']);
    expect(definition?.table?.columns.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Mode', 0],
      ['Replicas', 1],
    ]);
    const obj: KubeObject = { metadata: { name: 'build' }, spec: { mode: 'fast', replicas: 2 } };
    expect(definition?.table?.row(obj, NOW)).toEqual(['build', 'fast', 2]);
  });

  it('serves each version with its own schema and sub-resources', () => {
    const alpha = customResourceDefinitionFor(pipelineCRD, 'v1alpha1');
    expect(alpha?.definition.schema).toBe('io.example.ci.v1alpha1.Pipeline');
    expect(alpha?.definition.subresources).toBeUndefined();
    expect(alpha?.definition.scale).toBeUndefined();
    expect(alpha?.definition.table?.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
  });

  it.each([
    ['a version the CRD does not have', cronTabCRD, 'v2'],
    [
      'a version without a schema',
      { ...cronTabCRD, spec: { ...(cronTabCRD['spec'] as object), versions: [{ name: 'v1' }] } },
      'v1',
    ],
  ])('gives nothing for %s', (_name, crd, version) => {
    expect(customResourceDefinitionFor(crd, version)).toBeUndefined();
  });

  it('prunes with the version schema and reports the unknown fields', () => {
    const served = customResourceDefinitionFor(cronTabCRD, 'v1');
    const obj: KubeObject = {
      apiVersion: 'stable.example.com/v1',
      kind: 'CronTab',
      metadata: { name: 'x' },
      spec: { image: 'a', foo: 1 },
    };
    expect(served?.prune(obj)).toEqual(['spec.foo']);
    expect(obj.spec).toEqual({ image: 'a' });
  });
});
