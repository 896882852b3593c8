// Tests of merging our descriptions into a schema table.

import { describe, expect, it } from 'vitest';
import type { SchemaTable } from '../schema-table.ts';
import { applyDescriptions } from './apply-descriptions.ts';
import { API_VERSION_DESCRIPTION } from './common-fields.ts';

function sampleTable(): SchemaTable {
  return {
    definitions: {
      'x.Widget': {
        type: 'object',
        gvk: [{ group: 'x', version: 'v1', kind: 'Widget' }],
        properties: {
          apiVersion: { type: 'string' },
          metadata: { ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
          spec: { ref: 'x.WidgetSpec' },
        },
      },
      'x.WidgetList': {
        type: 'object',
        gvk: [{ group: 'x', version: 'v1', kind: 'WidgetList' }],
        properties: { items: { type: 'array', items: { ref: 'x.Widget' } } },
      },
      'x.WidgetSpec': { type: 'object', properties: { size: { type: 'integer' } } },
    },
  };
}

describe('applyDescriptions', () => {
  it('describes a kind by its kind name', () => {
    const table = applyDescriptions(sampleTable(), { Widget: 'A widget.' }, {});
    expect(table.definitions['x.Widget']?.description).toBe('A widget.');
  });

  it('describes a List kind as a list of its items', () => {
    const table = applyDescriptions(sampleTable(), {}, {});
    expect(table.definitions['x.WidgetList']?.description).toMatch(/^A list of Widget objects/);
    expect(table.definitions['x.WidgetList']?.properties?.items?.description).toBe('The objects in this list.');
  });

  it('describes the fields every kind shares', () => {
    const table = applyDescriptions(sampleTable(), {}, {});
    const properties = table.definitions['x.Widget']?.properties;
    expect(properties?.apiVersion?.description).toBe(API_VERSION_DESCRIPTION);
    expect(properties?.metadata?.description).toMatch(/name, namespace, labels/);
  });

  it('lets a per-definition description win over the generic one', () => {
    const table = applyDescriptions(
      sampleTable(),
      { Widget: 'Generic.' },
      {
        'x.Widget': { description: 'Specific.', fields: { spec: 'What the widget should be.' } },
        'x.WidgetSpec': { fields: { size: 'How big.' } },
      },
    );
    expect(table.definitions['x.Widget']?.description).toBe('Specific.');
    expect(table.definitions['x.Widget']?.properties?.spec?.description).toBe('What the widget should be.');
    expect(table.definitions['x.WidgetSpec']?.properties?.size?.description).toBe('How big.');
  });

  it('ignores descriptions of definitions and fields the table lacks', () => {
    const table = applyDescriptions(sampleTable(), {}, { 'x.Gadget': { description: 'Nope.' } });
    expect(table.definitions['x.Gadget']).toBeUndefined();
  });
});
