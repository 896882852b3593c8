import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/cluster/cluster.ts';
import { editorSchemas } from './editor-schemas.ts';
import type { EditorSchema } from './editor-schemas.ts';

type Schema = { $ref?: string; components: { schemas: Record<string, Record<string, unknown>> } };

let cluster: Cluster;
let kinds: EditorSchema[];

beforeAll(async () => {
  cluster = await Cluster.start({});
  kinds = await editorSchemas(cluster.clientFor({ username: 'admin', groups: ['system:masters'] }, 'test'));
});

afterAll(async () => {
  await cluster.close();
});

function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') out.push(child);
      else refsIn(child, out);
    }
  }
  return out;
}

describe('editorSchemas', () => {
  it('has one schema per served kind and version, without lists or Status', () => {
    const names = kinds.map((k) => `${k.apiVersion}/${k.kind}`);
    expect(names).toEqual(expect.arrayContaining(['v1/Pod', 'apps/v1/Deployment', 'batch/v1/CronJob']));
    expect(names.filter((n) => n.endsWith('List') || n === 'v1/Status')).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('makes each schema self-contained: every reference resolves inside it', () => {
    for (const { schema } of kinds) {
      const { components } = schema as Schema;
      for (const ref of refsIn(schema)) {
        expect(components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
      }
    }
  });

  it('accepts null for times, as the API server writes an unset one', () => {
    const deployment = kinds.find((k) => k.kind === 'Deployment')!.schema as Schema;
    expect(deployment.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']?.type).toEqual([
      'string',
      'null',
    ]);
  });
});
