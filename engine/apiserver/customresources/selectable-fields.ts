// Field selectors of a custom resource version (spec.versions[].selectableFields, on by default in v1.32): each
// JSONPath names a selector ("spec.color" for ".spec.color") whose value is what the path finds, printed as Go's
// fmt.Sprint prints it, or "" when it finds nothing.

import type { KubeObject } from '../../api/object.ts';
import { goJson, goText } from '../../api/go-format.ts';
import { GoFloat, findResults } from '../printers/jsonpath-eval.ts';
import { parseJsonPath } from '../printers/jsonpath-parse.ts';
import type { PathNode } from '../printers/jsonpath-parse.ts';

type FieldSelector = (obj: KubeObject) => string | undefined;

function printed(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof GoFloat) return goText(value.value);
  if (typeof value === 'object') return goJson(value);
  return goText(value as string | number | boolean);
}

function selector(nodes: PathNode[]): FieldSelector {
  return (obj) => printed(findResults(nodes, obj)?.[0]?.[0]);
}

/** The field selectors of a version's selectable fields (a path that does not parse is left out). */
export function selectableFieldSelectors(jsonPaths: string[]): Record<string, FieldSelector> {
  const selectors: Record<string, FieldSelector> = {};
  for (const jsonPath of jsonPaths) {
    let nodes: PathNode[];
    try {
      nodes = parseJsonPath(`{${jsonPath}}`);
    } catch {
      continue;
    }
    selectors[jsonPath.replace(/^\./, '')] = selector(nodes);
  }
  return selectors;
}
