// A small hand-made schema table for the tests of this folder: a namespaced "Widget" kind shaped like the
// built-in workloads (metadata, a spec with an atomic selector, containers keyed by name with ports keyed by
// containerPort and protocol, a set of tags, an atomic list of args, a status with conditions keyed by type).

import type { SchemaTable } from '../../api/schema-table.ts';
import { resolveField, tableLookup } from '../../api/schema-table.ts';
import { compileSchema } from './type-node.ts';

const META = 'io.example.meta.ObjectMeta';
const TIME = 'io.example.meta.Time';
const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const WIDGET = 'io.example.v1.Widget';

export const testTable: SchemaTable = {
  definitions: {
    [WIDGET]: {
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { ref: META },
        spec: { ref: 'io.example.v1.WidgetSpec' },
        status: { ref: 'io.example.v1.WidgetStatus' },
      },
      gvk: [{ group: 'example.io', version: 'v1', kind: 'Widget' }],
    },
    [META]: {
      type: 'object',
      properties: {
        name: { type: 'string' },
        namespace: { type: 'string' },
        uid: { type: 'string' },
        resourceVersion: { type: 'string' },
        generation: { type: 'integer' },
        creationTimestamp: { ref: TIME },
        labels: STRING_MAP,
        annotations: STRING_MAP,
        finalizers: { type: 'array', items: { type: 'string' }, listType: 'set' },
        managedFields: { type: 'array', items: { type: 'object' }, listType: 'atomic' },
      },
    },
    [TIME]: { type: 'string', format: 'date-time' },
    'io.example.v1.WidgetSpec': {
      type: 'object',
      properties: {
        replicas: { type: 'integer' },
        paused: { type: 'boolean' },
        selector: { ref: 'io.example.v1.Selector' },
        containers: {
          type: 'array',
          items: { ref: 'io.example.v1.Container' },
          listType: 'map',
          listMapKeys: ['name'],
        },
        tags: { type: 'array', items: { type: 'string' }, listType: 'set' },
        args: { type: 'array', items: { type: 'string' } },
        strategy: { ref: 'io.example.v1.Strategy' },
        nodeSelector: { ...STRING_MAP, mapType: 'atomic' },
      },
      required: ['containers'],
    },
    'io.example.v1.Selector': {
      type: 'object',
      properties: { matchLabels: STRING_MAP },
      mapType: 'atomic',
    },
    'io.example.v1.Container': {
      type: 'object',
      properties: {
        name: { type: 'string' },
        image: { type: 'string' },
        ports: {
          type: 'array',
          items: { ref: 'io.example.v1.Port' },
          listType: 'map',
          listMapKeys: ['containerPort', 'protocol'],
        },
        resources: { ref: 'io.example.v1.Resources' },
      },
      required: ['name'],
    },
    'io.example.v1.Port': {
      type: 'object',
      properties: { containerPort: { type: 'integer' }, protocol: { type: 'string' }, name: { type: 'string' } },
      required: ['containerPort'],
    },
    'io.example.v1.Resources': { type: 'object', properties: { limits: STRING_MAP } },
    'io.example.v1.Strategy': {
      type: 'object',
      properties: { type: { type: 'string' }, rollingUpdate: { ref: 'io.example.v1.RollingUpdate' } },
    },
    'io.example.v1.RollingUpdate': {
      type: 'object',
      properties: { maxSurge: { type: 'string', format: 'int-or-string' } },
    },
    'io.example.v1.WidgetStatus': {
      type: 'object',
      properties: {
        ready: { type: 'integer' },
        conditions: {
          type: 'array',
          items: { ref: 'io.example.v1.Condition' },
          listType: 'map',
          listMapKeys: ['type'],
        },
      },
    },
    'io.example.v1.Condition': {
      type: 'object',
      properties: { type: { type: 'string' }, status: { type: 'string' }, lastTransitionTime: { ref: TIME } },
      required: ['type', 'status'],
    },
  },
};

export const testLookup = tableLookup(testTable);
export const widgetSchema = resolveField(testLookup, { ref: WIDGET });
export const widgetType = compileSchema(testLookup, widgetSchema);
