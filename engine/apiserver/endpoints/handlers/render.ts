// Turns objects and lists into the representation the client negotiated: the object itself (JSON or YAML), a
// meta.k8s.io Table with the resource's columns (what `kubectl get` prints), or PartialObjectMetadata.

import { stringify } from 'yaml';
import type { KubeList, KubeObject } from '../../../api/object.ts';
import { badRequest } from '../../errors/status-error.ts';
import type { TableConvertor } from '../../registry/resource-definition.ts';
import type { ApiResponse } from '../api-request.ts';
import { warningHeader } from '../api-request.ts';
import type { OutputFormat } from '../negotiation.ts';

type IncludeObject = 'None' | 'Metadata' | 'Object';

function includeObject(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject');
  if (value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

export function partialObjectMetadata(obj: KubeObject, version: string): KubeObject {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: obj.metadata };
}

/** A Table of objects: column definitions (unless omitted) and one row per object. */
export function toTable(
  items: KubeObject[],
  table: TableConvertor,
  now: number,
  options: { version: string; query: URLSearchParams; metadata: KubeList['metadata']; withColumns: boolean },
): Record<string, unknown> {
  const include = includeObject(options.query);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: options.metadata,
    columnDefinitions: options.withColumns ? table.columns : null,
    rows: items.map((obj) => {
      const row: Record<string, unknown> = { cells: table.row(obj, now) };
      if (include === 'Metadata') row['object'] = partialObjectMetadata(obj, options.version);
      else if (include === 'Object') row['object'] = obj;
      return row;
    }),
  };
}

function withWarnings(response: ApiResponse, warnings: string[]): ApiResponse {
  if (warnings.length) response.headers = { ...response.headers, warning: [...new Set(warnings)].map(warningHeader) };
  return response;
}

function encoded(status: number, body: unknown, format: OutputFormat): ApiResponse {
  if (format.format === 'yaml') {
    return { kind: 'raw', status, contentType: 'application/yaml', body: stringify(body, { lineWidth: 0 }) };
  }
  return { kind: 'object', status, body };
}

/** Responds with one object in the negotiated representation. */
export function renderObject(
  obj: KubeObject,
  status: number,
  format: OutputFormat,
  table: TableConvertor,
  now: number,
  query: URLSearchParams,
  warnings: string[] = [],
): ApiResponse {
  let body: unknown = obj;
  if (format.format === 'table') {
    body = toTable([obj], table, now, {
      version: format.version,
      query,
      metadata: { resourceVersion: obj.metadata.resourceVersion },
      withColumns: query.get('noHeaders') !== 'true',
    });
  } else if (format.format === 'partial-metadata') {
    body = partialObjectMetadata(obj, format.version);
  }
  return withWarnings(encoded(status, body, format), warnings);
}

/** Responds with a list in the negotiated representation. */
export function renderList(
  list: KubeList,
  format: OutputFormat,
  table: TableConvertor,
  now: number,
  query: URLSearchParams,
): ApiResponse {
  let body: unknown = list;
  if (format.format === 'table') {
    body = toTable(list.items, table, now, {
      version: format.version,
      query,
      metadata: list.metadata,
      withColumns: query.get('noHeaders') !== 'true',
    });
  } else if (format.format === 'partial-metadata') {
    body = {
      kind: 'PartialObjectMetadataList',
      apiVersion: `meta.k8s.io/${format.version}`,
      metadata: list.metadata,
      items: list.items.map((obj) => partialObjectMetadata(obj, format.version)),
    };
  }
  return encoded(200, body, format);
}
