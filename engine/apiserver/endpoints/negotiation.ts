// Content negotiation: which representation a client asked for in its Accept header (JSON, YAML, a Table,
// PartialObjectMetadata), and what format a request body is in (Content-Type), as kube-apiserver negotiates them.

import { notAcceptable } from '../errors/status-error.ts';

export interface MediaType {
  type: string;
  subtype: string;
  params: Record<string, string>;
}

export type OutputFormat =
  | { format: 'json' }
  | { format: 'yaml' }
  | { format: 'table'; version: 'v1' | 'v1beta1' }
  | { format: 'partial-metadata'; version: 'v1' | 'v1beta1' };

export function parseMediaTypes(header: string | undefined): MediaType[] {
  if (!header) return [];
  const result: MediaType[] = [];
  for (const clause of header.split(',')) {
    const [full = '', ...rawParams] = clause.split(';').map((s) => s.trim());
    const [type = '', subtype = ''] = full.toLowerCase().split('/');
    if (!type) continue;
    const params: Record<string, string> = {};
    for (const p of rawParams) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params[p.slice(0, eq).trim()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    result.push({ type, subtype, params });
  }
  return result;
}

function isJson(m: MediaType): boolean {
  return (
    (m.type === 'application' && m.subtype === 'json') ||
    (m.type === '*' && m.subtype === '*') ||
    (m.type === 'application' && m.subtype === '*')
  );
}

/**
 * The first representation in the Accept header that the server can produce for this kind of response.
 * `as=Table` and `as=PartialObjectMetadata(List)` apply to resource reads; `stream` responses (watch) take no YAML.
 */
export function negotiateOutput(accept: string | undefined, options: { list: boolean; watch: boolean }): OutputFormat {
  const types = parseMediaTypes(accept);
  if (types.length === 0) return { format: 'json' };
  for (const m of types) {
    const as = m.params['as'];
    if (as !== undefined) {
      if (m.params['g'] !== 'meta.k8s.io' || !isJson(m)) continue;
      const version = m.params['v'];
      if (version !== 'v1' && version !== 'v1beta1') continue;
      if (as === 'Table') return { format: 'table', version };
      const partial = options.list && !options.watch ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
      if (as === partial || as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
        return { format: 'partial-metadata', version };
      }
      continue;
    }
    if (isJson(m)) return { format: 'json' };
    if (!options.watch && m.type === 'application' && m.subtype === 'yaml') return { format: 'yaml' };
  }
  throw notAcceptable(
    'only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io',
  );
}

export type BodyFormat = 'json' | 'yaml' | 'protobuf';

/** The format of a request body from its Content-Type; absent means JSON. Unknown formats return undefined. */
export function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const m = parseMediaTypes(contentType)[0];
  if (!m) return 'json';
  if (m.type !== 'application') return undefined;
  if (m.subtype === 'json') return 'json';
  if (m.subtype === 'yaml') return 'yaml';
  if (m.subtype === 'vnd.kubernetes.protobuf') return 'protobuf';
  return undefined;
}
