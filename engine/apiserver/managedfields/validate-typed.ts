// Checks that an applied configuration fits its schema, as structured-merge-diff validates a typed value: no
// undeclared fields, scalars of the right kind, nameable and unique associative list items. The text reads as
// upstream's ValidationErrors (`.spec.foo: field not declared in schema`), including Go's way of printing values.

import { isPlainObject } from '../../api/object.ts';
import { TypedValueError, listItemElement } from './list-item-key.ts';
import { fieldElement, formatPath, indexElement } from './path-element.ts';
import type { ScalarKind, TypeNode } from './type-node.ts';
import { fieldType, resolveType } from './type-node.ts';

interface ValidationError {
  path: string;
  message: string;
}

/** The validation errors of `value` as one text, or undefined when it fits the schema. */
export function validateTyped(value: unknown, type: TypeNode): string | undefined {
  const errors: ValidationError[] = [];
  validate(value, type, '', errors);
  if (errors.length === 0) return undefined;
  const text = (e: ValidationError): string => (e.path ? `${e.path}: ${e.message}` : e.message);
  return errors.length === 1 ? text(errors[0]!) : ['errors:', ...errors.map((e) => `  ${text(e)}`)].join('\n');
}

function validate(value: unknown, type: TypeNode, path: string, errors: ValidationError[]): void {
  const resolved = resolveType(type, value);
  if (resolved.kind === 'scalar') {
    const message = scalarError(resolved.scalar, value);
    if (message) errors.push({ path, message });
    return;
  }
  if (value === null) return;
  if (resolved.kind === 'list') {
    if (!Array.isArray(value)) {
      errors.push({ path, message: `expected list, got ${goValue(value)}` });
      return;
    }
    const seen = new Set<string>();
    for (let i = 0; i < value.length; i++) {
      let element = indexElement(i);
      if (!resolved.atomic) {
        try {
          element = listItemElement(resolved, value[i]);
        } catch (error) {
          if (!(error instanceof TypedValueError)) throw error;
          errors.push({ path, message: `element ${i}: ${error.message}` });
          return;
        }
        if (seen.has(element)) errors.push({ path, message: `duplicate entries for key ${formatPath([element])}` });
        seen.add(element);
      }
      validate(value[i], resolved.element, path + formatPath([element]), errors);
    }
    return;
  }
  if (!isPlainObject(value)) {
    errors.push({ path, message: `expected map, got ${goValue(value)}` });
    return;
  }
  for (const key in value) {
    const child = fieldType(resolved, key);
    const childPath = path + formatPath([fieldElement(key)]);
    if (!child) {
      errors.push({ path: childPath, message: 'field not declared in schema' });
      return;
    }
    validate(value[key], child, childPath, errors);
  }
}

function scalarError(scalar: ScalarKind, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const kind = typeof value;
  switch (scalar) {
    case 'numeric':
      return kind === 'number' ? undefined : `expected numeric (int or float), got ${goTypeName(value)}`;
    case 'string':
      return kind === 'string' ? undefined : `expected string, got &value.valueUnstructured{Value:${goSyntax(value)}}`;
    case 'boolean':
      return kind === 'boolean' ? undefined : `expected boolean, got ${goValue(value)}`;
    case 'untyped':
      return kind === 'number' || kind === 'string' || kind === 'boolean'
        ? undefined
        : `expected any scalar, got ${goValue(value)}`;
  }
}

/** Go's %T of a decoded JSON value. */
function goTypeName(value: unknown): string {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

/** Go's %v of a value.Value holding a decoded JSON value: `&{5}`, `&{map[a:b]}`. */
function goValue(value: unknown): string {
  return `&{${goPlain(value)}}`;
}

function goPlain(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goPlain).join(' ')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `map[${Object.keys(record)
      .sort()
      .map((k) => `${k}:${goPlain(record[k])}`)
      .join(' ')}]`;
  }
  return String(value);
}

/** Go's %#v of a decoded JSON value. */
function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `map[string]interface {}{${Object.keys(record)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${goSyntax(record[k])}`)
      .join(', ')}}`;
  }
  return String(value);
}
