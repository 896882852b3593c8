// The YAML editor's schema, from the 'api.schemas' answer: one schema per apiVersion/kind under its own URI, and a
// root schema that applies the one whose apiVersion and kind a document names (if/then), so completion, hover docs
// and validation follow each document of a multi-document text. The root also offers the known apiVersions and
// kinds.

import type { HostResult } from '../../engine/protocol/host-api.ts';

export interface SchemaEntry {
  uri: string;
  fileMatch: string[];
  schema: Record<string, unknown>;
}

const BASE = 'kubelab://schemas';

export function kindSchemaUri(apiVersion: string, kind: string): string {
  return `${BASE}/${apiVersion}/${kind}.json`;
}

/** The schemas to give monaco-yaml; the root one matches every model URI in `fileMatch`. */
export function editorSchemas(kinds: HostResult<'api.schemas'>['kinds'], fileMatch: string[]): SchemaEntry[] {
  const entries: SchemaEntry[] = kinds.map(({ apiVersion, kind, schema }) => ({
    uri: kindSchemaUri(apiVersion, kind),
    fileMatch: [],
    schema: (typeof schema === 'object' && schema !== null ? schema : {}) as Record<string, unknown>,
  }));
  const root = {
    type: 'object',
    properties: {
      apiVersion: { type: 'string', enum: [...new Set(kinds.map((k) => k.apiVersion))].sort() },
      kind: { type: 'string', enum: [...new Set(kinds.map((k) => k.kind))].sort() },
    },
    required: ['apiVersion', 'kind'],
    allOf: kinds.map(({ apiVersion, kind }) => ({
      if: {
        properties: { apiVersion: { const: apiVersion }, kind: { const: kind } },
        required: ['apiVersion', 'kind'],
      },
      then: { $ref: kindSchemaUri(apiVersion, kind) },
    })),
  };
  return [{ uri: `${BASE}/kubernetes.json`, fileMatch, schema: root }, ...entries];
}
