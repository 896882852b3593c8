// Checks our descriptions against the generated schema table: every described definition and field exists, no
// definition is described twice, every kind has a description, and there are enough field descriptions to matter.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SchemaTable } from '../schema-table.ts';
import { API_DESCRIPTIONS } from './all-descriptions.ts';
import { BATCH_DESCRIPTIONS } from './batch.ts';
import { CLUSTER_DESCRIPTIONS } from './cluster.ts';
import { CONTAINER_DESCRIPTIONS } from './containers.ts';
import { KIND_DESCRIPTIONS } from './kinds.ts';
import { META_DESCRIPTIONS } from './meta.ts';
import { NETWORKING_DESCRIPTIONS } from './networking.ts';
import { POD_DESCRIPTIONS } from './pods.ts';
import { RBAC_DESCRIPTIONS } from './rbac.ts';
import { VOLUME_DESCRIPTIONS } from './volumes.ts';
import { WORKLOAD_DESCRIPTIONS } from './workloads.ts';

const table = JSON.parse(readFileSync(new URL('../generated/schemas.json', import.meta.url), 'utf8')) as SchemaTable;

const PARTS = [
  META_DESCRIPTIONS,
  POD_DESCRIPTIONS,
  CONTAINER_DESCRIPTIONS,
  VOLUME_DESCRIPTIONS,
  WORKLOAD_DESCRIPTIONS,
  BATCH_DESCRIPTIONS,
  NETWORKING_DESCRIPTIONS,
  CLUSTER_DESCRIPTIONS,
  RBAC_DESCRIPTIONS,
];

describe('our API descriptions', () => {
  it('describe only definitions and fields that exist in the schema table', () => {
    const missing: string[] = [];
    for (const [name, described] of Object.entries(API_DESCRIPTIONS)) {
      const definition = table.definitions[name];
      if (!definition) missing.push(name);
      for (const field of Object.keys(described.fields ?? {})) {
        if (!definition?.properties?.[field]) missing.push(`${name}.${field}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('describe each definition in one file only', () => {
    const total = PARTS.reduce((sum, part) => sum + Object.keys(part).length, 0);
    expect(Object.keys(API_DESCRIPTIONS)).toHaveLength(total);
  });

  it('hold at least 250 field descriptions', () => {
    const fields = Object.values(API_DESCRIPTIONS).reduce((sum, d) => sum + Object.keys(d.fields ?? {}).length, 0);
    expect(fields).toBeGreaterThanOrEqual(250);
  });

  it('describe every kind of the table, and no kind the table lacks', () => {
    const kinds = new Set(
      Object.values(table.definitions).flatMap((definition) => (definition.gvk ?? []).map((gvk) => gvk.kind)),
    );
    const undescribed = [...kinds].filter((kind) => !kind.endsWith('List') && !KIND_DESCRIPTIONS[kind]);
    expect(undescribed).toEqual([]);
    expect(Object.keys(KIND_DESCRIPTIONS).filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('are full sentences without stray whitespace', () => {
    const texts = [
      ...Object.values(KIND_DESCRIPTIONS),
      ...Object.values(API_DESCRIPTIONS).flatMap((d) => [d.description ?? '.', ...Object.values(d.fields ?? {})]),
    ];
    const bad = texts.filter((text) => !/[.)"…]$/.test(text) || /\s{2}|^\s|\s$/.test(text));
    expect(bad).toEqual([]);
  });
});
