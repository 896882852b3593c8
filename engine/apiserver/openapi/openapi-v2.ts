// OpenAPI v2 (swagger 2.0), which kubectl still reads for client-side validation — of the items of a List, and to
// skip kinds it does not know — as JSON or in gnostic's protobuf form. It carries the definitions (the same schemas as
// OpenAPI v3, with #/definitions/ references) but no paths: clients find operations in OpenAPI v3.

import { createHash } from 'node:crypto';
import type { SchemaLookup } from '../../api/schema-table.ts';
import { WireWriter } from '../protobuf/wire-writer.ts';
import type { ResourceRegistry } from '../registry/resource-registry.ts';
import { schemaClosure } from './openapi-schema.ts';

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

type JsonSchema = Record<string, unknown>;

/** v3's component schemas with v2's reference form. */
function toV2(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toV2);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string')
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
    else if (key === 'allOf' && Array.isArray(value) && value.length === 1) Object.assign(out, toV2(value[0]));
    else out[key] = toV2(value);
  }
  return out;
}

/** gnostic's openapi_v2.Schema. */
function writeSchema(w: WireWriter, schema: JsonSchema): void {
  w.string(1, schema['$ref'] as string | undefined);
  w.string(2, schema['format'] as string | undefined);
  w.string(4, schema['description'] as string | undefined);
  for (const name of (schema['required'] as string[] | undefined) ?? []) w.string(19, name);
  const additional = schema['additionalProperties'];
  if (additional && typeof additional === 'object')
    w.message(21, (a) => a.message(1, (s) => writeSchema(s, additional as JsonSchema)));
  if (typeof schema['type'] === 'string') w.message(22, (t) => t.string(1, schema['type'] as string));
  const items = schema['items'];
  if (items && typeof items === 'object')
    w.message(23, (i) => i.message(1, (s) => writeSchema(s, items as JsonSchema)));
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (properties) {
    w.message(25, (p) => {
      for (const [name, property] of Object.entries(properties)) {
        p.message(1, (named) => named.string(1, name).message(2, (s) => writeSchema(s, property)));
      }
    });
  }
  for (const [name, value] of Object.entries(schema)) {
    if (!name.startsWith('x-')) continue;
    // Vendor extensions travel as YAML text; JSON is YAML.
    w.message(31, (named) => named.string(1, name).message(2, (any) => any.string(2, JSON.stringify(value))));
  }
}

export interface OpenApiV2Document {
  json: string;
  protobuf: Uint8Array;
  etag: string;
}

export class OpenApiV2 {
  private cacheVersion = -1;
  private document: OpenApiV2Document | undefined;

  constructor(
    private readonly registry: ResourceRegistry,
    private readonly lookup: () => SchemaLookup,
    private readonly version: string,
  ) {}

  current(): OpenApiV2Document {
    if (this.document && this.cacheVersion === this.registry.version) return this.document;
    this.cacheVersion = this.registry.version;
    const roots = new Set<string>();
    for (const served of this.registry.all()) {
      roots.add(served.definition.schema);
      roots.add(`${served.definition.schema}List`);
    }
    const definitions = toV2(schemaClosure(roots, this.lookup())) as Record<string, JsonSchema>;
    const info = { title: 'Kubernetes', version: this.version };
    const json = JSON.stringify({ swagger: '2.0', info, paths: {}, definitions });
    const w = new WireWriter()
      .string(1, '2.0')
      .message(2, (i) => i.string(1, info.title).string(2, info.version))
      .message(8, () => undefined)
      .message(9, (d) => {
        for (const [name, schema] of Object.entries(definitions)) {
          d.message(1, (named) => named.string(1, name).message(2, (s) => writeSchema(s, schema)));
        }
      });
    const protobuf = w.finish();
    this.document = { json, protobuf, etag: createHash('sha512').update(protobuf).digest('hex').toUpperCase() };
    return this.document;
  }
}
