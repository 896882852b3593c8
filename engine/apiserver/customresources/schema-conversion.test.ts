import { describe, expect, it } from 'vitest';
import { API_VERSION_DESCRIPTION, KIND_DESCRIPTION } from '../../api/descriptions/common-fields.ts';
import { parseSchemaProps } from './schema-props.ts';
import { customResourceDefinitionName, schemaTableFor } from './schema-conversion.ts';
import { CRON_TAB_SCHEMA, PIPELINE_SCHEMA } from './test-crds.ts';

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

const cronTab = schemaTableFor(
  parseSchemaProps(CRON_TAB_SCHEMA),
  { group: 'stable.example.com', version: 'v1', kind: 'CronTab' },
  'CronTabList',
);
const pipeline = schemaTableFor(
  parseSchemaProps(PIPELINE_SCHEMA),
  { group: 'ci.example.io', version: 'v1', kind: 'Pipeline' },
  'PipelineList',
);
const P = 'io.example.ci.v1.Pipeline';

describe('customResourceDefinitionName', () => {
  it.each([
    ['stable.example.com', 'v1', 'CronTab', 'com.example.stable.v1.CronTab'],
    ['ci.example.io', 'v1beta1', 'Pipeline', 'io.example.ci.v1beta1.Pipeline'],
    ['example', 'v2', 'Thing', 'example.v2.Thing'],
  ])('names group %s version %s kind %s as upstream does', (group, version, kind, name) => {
    expect(customResourceDefinitionName(group, version, kind)).toBe(name);
  });
});

describe('schemaTableFor', () => {
  it('gives the CronTab root definition its gvk and the standard apiVersion, kind and metadata', () => {
    expect(cronTab.root).toBe('com.example.stable.v1.CronTab');
    const root = cronTab.table.definitions[cronTab.root];
    expect(root?.gvk).toEqual([{ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }]);
    expect(root?.description).toBe('A periodic job.');
    expect(root?.inline).toBeUndefined();
    expect(root?.properties?.['apiVersion']).toEqual({ type: 'string', description: API_VERSION_DESCRIPTION });
    expect(root?.properties?.['kind']).toEqual({ type: 'string', description: KIND_DESCRIPTION });
    expect(root?.properties?.['metadata']?.ref).toBe(OBJECT_META);
  });

  it('names nested objects after their path, marks them inline and keeps the authors descriptions', () => {
    const root = cronTab.table.definitions[cronTab.root];
    expect(root?.properties?.['spec']).toEqual({
      ref: 'com.example.stable.v1.CronTab.spec',
      description: 'What to run and when.',
    });
    expect(cronTab.table.definitions['com.example.stable.v1.CronTab.spec']).toEqual({
      type: 'object',
      description: 'What to run and when.',
      inline: true,
      required: ['cronSpec'],
      properties: {
        cronSpec: { type: 'string' },
        image: { type: 'string', description: 'The image to run.' },
        replicas: { type: 'integer' },
      },
    });
  });

  it('publishes the List of the kind', () => {
    const list = cronTab.table.definitions['com.example.stable.v1.CronTabList'];
    expect(list?.gvk).toEqual([{ group: 'stable.example.com', version: 'v1', kind: 'CronTabList' }]);
    expect(list?.required).toEqual(['items']);
    expect(list?.properties?.['items']?.items).toEqual({ ref: cronTab.root });
    expect(list?.properties?.['metadata']?.ref).toBe('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta');
  });

  it('lists exactly the root, the List and one definition per nested object', () => {
    expect(Object.keys(pipeline.table.definitions)).toEqual([
      P,
      `${P}List`,
      `${P}.spec.stages.steps`,
      `${P}.spec.stages`,
      `${P}.spec.template`,
      `${P}.spec`,
      `${P}.status`,
    ]);
  });

  it('maps a list-map of objects with its keys, and the arrays of objects inside it', () => {
    const spec = pipeline.table.definitions[`${P}.spec`];
    expect(spec?.properties?.['stages']).toEqual({
      type: 'array',
      items: { ref: `${P}.spec.stages` },
      listType: 'map',
      listMapKeys: ['name'],
    });
    const stage = pipeline.table.definitions[`${P}.spec.stages`];
    expect(stage?.properties?.['steps']).toEqual({ type: 'array', items: { ref: `${P}.spec.stages.steps` } });
    expect(stage?.required).toEqual(['name']);
  });

  it('maps int-or-string, formats, maps of strings, sets and enums', () => {
    const stage = pipeline.table.definitions[`${P}.spec.stages`];
    expect(stage?.properties?.['port']).toEqual({ type: 'string', format: 'int-or-string' });
    const step = pipeline.table.definitions[`${P}.spec.stages.steps`];
    expect(step?.properties?.['timeoutSeconds']).toEqual({ type: 'integer', format: 'int32' });
    expect(step?.properties?.['env']).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    const spec = pipeline.table.definitions[`${P}.spec`];
    expect(spec?.properties?.['tags']).toEqual({ type: 'array', items: { type: 'string' }, listType: 'set' });
    expect(spec?.properties?.['mode']).toEqual({ type: 'string', enum: ['fast', 'safe'] });
  });

  it('shows preserved unknown fields as additional properties of any type', () => {
    const spec = pipeline.table.definitions[`${P}.spec`];
    expect(spec?.properties?.['extra']).toEqual({ type: 'object' });
    expect(pipeline.table.definitions[`${P}.spec.template`]?.additionalProperties).toEqual({});
  });

  it('gives embedded resources apiVersion, kind and metadata, with kind and apiVersion required', () => {
    const template = pipeline.table.definitions[`${P}.spec.template`];
    expect(Object.keys(template?.properties ?? {})).toEqual(['apiVersion', 'kind', 'metadata']);
    expect(template?.properties?.['metadata']?.ref).toBe(OBJECT_META);
    expect(template?.required).toEqual(['kind', 'apiVersion']);
  });

  it('replaces a metadata schema of the author by ObjectMeta, as upstream publishes it', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: { metadata: { type: 'object', properties: { name: { type: 'string', maxLength: 5 } } } },
    });
    const { root, table } = schemaTableFor(schema, { group: 'a.io', version: 'v1', kind: 'A' }, 'AList');
    expect(table.definitions[root]?.properties?.['metadata']?.ref).toBe(OBJECT_META);
    expect(table.definitions[`${root}.metadata`]).toBeUndefined();
  });

  it('keeps two paths that spell the same name apart', () => {
    const schema = parseSchemaProps({
      type: 'object',
      properties: {
        'a.b': { type: 'object', properties: { x: { type: 'string' } } },
        a: { type: 'object', properties: { b: { type: 'object', properties: { y: { type: 'string' } } } } },
      },
    });
    const { table } = schemaTableFor(schema, { group: 'a.io', version: 'v1', kind: 'A' }, 'AList');
    expect(Object.keys(table.definitions).sort()).toEqual([
      'io.a.v1.A',
      'io.a.v1.A.a',
      'io.a.v1.A.a.b',
      'io.a.v1.A.a.b~2',
      'io.a.v1.AList',
    ]);
  });
});
