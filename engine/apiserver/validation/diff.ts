// A short description of what changed between two JSON values, appended to "may not change" errors the way
// upstream appends a go-cmp diff: one "-" and one "+" line per changed field, named by its path.

import { deepEqual } from '../../api/json.ts';
import { isRecord } from './access.ts';

function render(value: unknown): string {
  return value === undefined ? 'null' : JSON.stringify(value);
}

function collect(oldValue: unknown, newValue: unknown, path: string, lines: string[]): void {
  if (deepEqual(oldValue ?? null, newValue ?? null)) return;
  if (isRecord(oldValue) && isRecord(newValue)) {
    for (const key of [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])].sort()) {
      collect(oldValue[key], newValue[key], path ? `${path}.${key}` : key, lines);
    }
    return;
  }
  if (Array.isArray(oldValue) && Array.isArray(newValue) && oldValue.length === newValue.length) {
    oldValue.forEach((item, i) => collect(item, newValue[i], `${path}[${i}]`, lines));
    return;
  }
  lines.push(`- \t${path}: ${render(oldValue)}`, `+ \t${path}: ${render(newValue)}`);
}

/** "  core.PodSpec{\n- \tcontainers[0].image: ...\n+ \t...\n  }" */
export function describeChanges(oldValue: unknown, newValue: unknown, typeName: string): string {
  const lines: string[] = [];
  collect(oldValue, newValue, '', lines);
  return [`  ${typeName}{`, ...lines, '  }', ''].join('\n');
}
