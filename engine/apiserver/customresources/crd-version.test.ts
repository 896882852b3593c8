import { describe, expect, it } from 'vitest';
import { readCustomResourceVersion } from './crd-version.ts';
import { cronTabCRD, pipelineCRD } from './test-crds.ts';

describe('readCustomResourceVersion', () => {
  it('reads the names, scope, sub-resources, columns and selectable fields of a version', () => {
    const version = readCustomResourceVersion(cronTabCRD, 'v1');
    expect(version).toMatchObject({
      group: 'stable.example.com',
      version: 'v1',
      kind: 'CronTab',
      listKind: 'CronTabList',
      plural: 'crontabs',
      singular: 'crontab',
      namespaced: true,
      shortNames: ['ct'],
      categories: ['all'],
      status: true,
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.replicas',
        labelSelectorPath: '.status.labelSelector',
      },
      selectableFields: ['.spec.image'],
    });
    expect(version?.printerColumns?.[0]).toEqual({
      name: 'Spec',
      type: 'string',
      description: 'The cron spec defining the interval',
      jsonPath: '.spec.cronSpec',
    });
    expect(version?.schema.properties?.get('spec')?.required).toEqual(['cronSpec']);
  });

  it('defaults singular and listKind and reads the Cluster scope', () => {
    expect(readCustomResourceVersion(pipelineCRD, 'v1')).toMatchObject({
      singular: 'pipeline',
      listKind: 'PipelineList',
      namespaced: false,
      shortNames: [],
      categories: [],
    });
    expect(readCustomResourceVersion(pipelineCRD, 'v1')?.printerColumns?.[1]).toEqual({
      name: 'Replicas',
      type: 'integer',
      priority: 1,
      description: 'Wanted copies.',
      jsonPath: '.spec.replicas',
    });
  });

  it('reads a version without sub-resources', () => {
    expect(readCustomResourceVersion(pipelineCRD, 'v1alpha1')).toMatchObject({
      status: false,
      scale: undefined,
      printerColumns: undefined,
    });
  });
});
