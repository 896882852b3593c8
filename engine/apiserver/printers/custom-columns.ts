// Table output for custom resources, built from a CRD version's additionalPrinterColumns as the apiextensions
// server builds it: a Name column, then one column per JSONPath (only "Age" when the CRD declares none). String
// columns print whatever the path finds (lists and maps as JSON), typed columns keep the JSON type, and date
// columns print the age of the timestamp.

import type { KubeObject } from '../../api/object.ts';
import type { TableCell, TableColumnDefinition, TableConvertor } from '../registry/resource-definition.ts';
import { AGE_COLUMN, NAME_COLUMN } from './columns.ts';
import { humanDuration } from './duration.ts';
import { goJson, goText } from '../../api/go-format.ts';
import { findResults, GoFloat } from './jsonpath-eval.ts';
import { JsonPathSyntaxError, parseJsonPath } from './jsonpath-parse.ts';
import type { PathNode } from './jsonpath-parse.ts';
import { parseRfc3339, ZERO_TIME } from './time.ts';

/** One entry of a CustomResourceDefinition version's additionalPrinterColumns. */
export interface AdditionalPrinterColumn {
  name: string;
  type: TableColumnDefinition['type'];
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** What upstream serves when a CRD version declares no columns. */
const DEFAULT_COLUMNS: AdditionalPrinterColumn[] = [
  { name: 'Age', type: 'date', description: AGE_COLUMN.description, jsonPath: '.metadata.creationTimestamp' },
];

/** A value printed the way a string column prints it (Go's jsonpath PrintResults). */
function printed(value: unknown): string {
  if (value === null || value === undefined) return '<no value>';
  if (value instanceof GoFloat) return goText(value.value);
  if (typeof value === 'object') return goJson(value);
  return goText(value as string | number | boolean);
}

/** A timestamp string as a date column prints it: its age, "<unknown>" when empty, "<invalid>" when malformed. */
function dateCell(text: string, now: number): string {
  if (text === '' || text === 'null') return '<unknown>';
  const ms = parseRfc3339(text);
  if (ms === undefined) return '<invalid>';
  return ms === ZERO_TIME ? '<unknown>' : humanDuration(now - ms);
}

/** A value as a typed (non-string) column holds it; null when the JSON type does not fit the column. */
function typedCell(type: TableColumnDefinition['type'], value: unknown, now: number): TableCell {
  const number = value instanceof GoFloat ? value.value : value;
  switch (type) {
    case 'integer':
      return typeof number === 'number' ? Math.trunc(number) : null;
    case 'number':
      return typeof number === 'number' ? number : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? dateCell(value, now) : null;
    default:
      return null;
  }
}

function cell(column: TableColumnDefinition, path: PathNode[], obj: KubeObject, now: number): TableCell {
  const results = findResults(path, obj);
  const found = results?.[0];
  if (!found || found.length === 0) return null;
  return column.type === 'string' ? printed(found[0]) : typedCell(column.type, found[0], now);
}

/**
 * The TableConvertor of a custom resource version. A column whose JSONPath does not parse ends the list there,
 * as upstream keeps the columns it built before the bad one.
 */
export function printerForCustomResource(columns: AdditionalPrinterColumn[] | undefined): TableConvertor {
  const declared = columns && columns.length > 0 ? columns : DEFAULT_COLUMNS;
  const definitions: TableColumnDefinition[] = [NAME_COLUMN];
  const paths: PathNode[][] = [];
  for (const column of declared) {
    try {
      paths.push(parseJsonPath(`{${column.jsonPath}}`));
    } catch (error) {
      if (error instanceof JsonPathSyntaxError) break;
      throw error;
    }
    definitions.push({
      name: column.name,
      type: column.type,
      format: column.format ?? '',
      description: column.description || `A custom column: the value at ${column.jsonPath}.`,
      priority: column.priority ?? 0,
    });
  }
  const custom = definitions.slice(1);
  return {
    columns: definitions,
    row(obj, now) {
      return [obj.metadata.name ?? '', ...custom.map((column, i) => cell(column, paths[i] ?? [], obj, now))];
    },
  };
}
