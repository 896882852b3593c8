// The scale sub-resource's checks on a custom resource (customResourceValidator.ValidateScaleSpec/Status): the value
// at specReplicasPath and statusReplicasPath, when present, is an integer from 0 to 2^31-1, and the one at
// labelSelectorPath a string. Errors are reported at the path as the CRD writes it (".spec.replicas") with the
// messages of unstructured.NestedInt64 and NestedString.

import { isPlainObject } from '../../api/object.ts';
import { FieldPath, invalidValue } from '../errors/field-error.ts';
import type { FieldError } from '../errors/field-error.ts';
import { goText } from '../../api/go-format.ts';
import type { ScaleSubresource } from '../registry/resource-definition.ts';
import { kindOf } from './value-checks.ts';

const MAX_INT32 = 2 ** 31 - 1;

/** Go's %T of a decoded JSON value. */
function goType(value: unknown): string {
  switch (kindOf(value)) {
    case 'null':
      return '<nil>';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'int':
      return 'int64';
    case 'float':
      return 'float64';
    case 'array':
      return '[]interface {}';
    default:
      return 'map[string]interface {}';
  }
}

/** Go's %v of a decoded JSON value. */
function goValue(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goValue).join(' ')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${k}:${goValue(value[k])}`);
    return `map[${entries.join(' ')}]`;
  }
  return goText(value as string | number | boolean);
}

type Lookup = { found: false } | { found: true; value: unknown } | { error: string };

/** unstructured.NestedFieldNoCopy over a path like ".spec.replicas". */
function nestedField(obj: unknown, jsonPath: string): Lookup {
  const fields = jsonPath.replace(/^\./, '').split('.');
  let value: unknown = obj;
  for (const [i, field] of fields.entries()) {
    if (value === null || value === undefined) return { found: false };
    if (!isPlainObject(value)) {
      const at = `.${fields.slice(0, i + 1).join('.')}`;
      return {
        error: `${at} accessor error: ${goValue(value)} is of the type ${goType(value)}, expected map[string]interface{}`,
      };
    }
    if (!Object.hasOwn(value, field)) return { found: false };
    value = value[field];
  }
  return { found: true, value };
}

function accessorError(jsonPath: string, value: unknown, expected: string): string {
  const at = `.${jsonPath.replace(/^\./, '')}`;
  return `${at} accessor error: ${goValue(value)} is of the type ${goType(value)}, expected ${expected}`;
}

function validateReplicas(obj: unknown, jsonPath: string): FieldError[] {
  const path = FieldPath.root(jsonPath);
  const lookup = nestedField(obj, jsonPath);
  if ('error' in lookup) return [invalidValue(path, 0, lookup.error)];
  if (!lookup.found) return [];
  if (kindOf(lookup.value) !== 'int') return [invalidValue(path, 0, accessorError(jsonPath, lookup.value, 'int64'))];
  const replicas = lookup.value as number;
  if (replicas < 0) return [invalidValue(path, replicas, 'should be a non-negative integer')];
  if (replicas > MAX_INT32) return [invalidValue(path, replicas, `should be less than or equal to ${MAX_INT32}`)];
  return [];
}

/** Checks the value at specReplicasPath (on create and update of the main resource). */
export function validateScaleSpec(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  return scale ? validateReplicas(obj, scale.specReplicasPath) : [];
}

/** Checks the values at statusReplicasPath and labelSelectorPath (on every write). */
export function validateScaleStatus(obj: unknown, scale: ScaleSubresource | undefined): FieldError[] {
  if (!scale) return [];
  const errs = validateReplicas(obj, scale.statusReplicasPath);
  if (scale.labelSelectorPath) {
    const lookup = nestedField(obj, scale.labelSelectorPath);
    const path = FieldPath.root(scale.labelSelectorPath);
    if ('error' in lookup) errs.push(invalidValue(path, '', lookup.error));
    else if (lookup.found && typeof lookup.value !== 'string') {
      errs.push(invalidValue(path, '', accessorError(scale.labelSelectorPath, lookup.value, 'string')));
    }
  }
  return errs;
}
