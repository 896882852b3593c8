// JSON Schemas for the YAML editor, one per apiVersion and kind the lab serves, derived from the OpenAPI v3
// documents the API server publishes (the ones kubectl explain reads). Each schema is self-contained: the kind's own
// schema with the schemas it refers to kept beside it, so the editor can validate and complete a document alone.

import type { InProcessClient } from '../../engine/client/in-process-client.ts';

type Schema = Record<string, unknown>;

export interface EditorSchema {
  apiVersion: string;
  kind: string;
  schema: unknown;
}

const REF_PREFIX = '#/components/schemas/';
/**
 * Times the API server writes as null where a struct holds an unset time (a pod template's metadata.creationTimestamp
 * in every Deployment it returns): the editor accepts null there, so an object opened from the cluster shows no
 * false warnings.
 */
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';

/** The names of the schemas a schema refers to, directly or through others, itself included. */
function closure(root: string, all: Record<string, Schema>): Record<string, Schema> {
  const out: Record<string, Schema> = {};
  const pending = [root];
  while (pending.length) {
    const name = pending.pop()!;
    if (out[name] || !all[name]) continue;
    out[name] = all[name];
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object') {
        for (const [key, child] of Object.entries(value)) {
          if (key === '$ref' && typeof child === 'string' && child.startsWith(REF_PREFIX)) {
            pending.push(child.slice(REF_PREFIX.length));
          } else visit(child);
        }
      }
    };
    visit(all[name]);
  }
  return out;
}

export async function editorSchemas(client: InProcessClient): Promise<EditorSchema[]> {
  const index = (await client.request('GET', '/openapi/v3')) as {
    paths?: Record<string, { serverRelativeURL?: string }>;
  };
  const out: EditorSchema[] = [];
  for (const entry of Object.values(index.paths ?? {})) {
    if (!entry.serverRelativeURL) continue;
    const [path, query] = entry.serverRelativeURL.split('?');
    const body = await client.request('GET', path!, { query: Object.fromEntries(new URLSearchParams(query ?? '')) });
    const document = (
      typeof body === 'string' || body instanceof Uint8Array ? JSON.parse(Buffer.from(body).toString('utf8')) : body
    ) as { components?: { schemas?: Record<string, Schema> } };
    const schemas = { ...document.components?.schemas };
    if (schemas[TIME]) schemas[TIME] = { ...schemas[TIME], type: ['string', 'null'] };
    for (const [name, schema] of Object.entries(schemas)) {
      const kinds = schema['x-kubernetes-group-version-kind'] as { group: string; version: string; kind: string }[];
      if (!Array.isArray(kinds) || !(schema.properties as Schema | undefined)?.metadata) continue;
      for (const gvk of kinds) {
        const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
        if (
          gvk.kind.endsWith('List') ||
          gvk.kind === 'Status' ||
          path !== `/openapi/v3/${gvk.group ? 'apis/' + apiVersion : 'api/' + apiVersion}`
        )
          continue;
        out.push({
          apiVersion,
          kind: gvk.kind,
          schema: { $ref: REF_PREFIX + name, components: { schemas: closure(name, schemas) } },
        });
      }
    }
  }
  return out;
}
