// Structural schemas (k8s.io/apiextensions-apiserver/pkg/apiserver/schema ValidateStructural): every field has a
// type (unless it is int-or-string or preserves unknown fields), the root is an object, metadata may only restrict
// name and generateName, and the logical junctors (allOf, anyOf, oneOf, not) only add value validation — no types,
// defaults, descriptions or x-kubernetes extensions — over fields the structural part declares. Errors come sorted
// by their text, as upstream sorts them.

import { forbiddenField, invalidValue, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { deepEqual } from '../../../api/json.ts';
import { isRecord, isZeroValue, list, record, sortedKeys, str } from '../access.ts';
import { itemsSchema } from './schema-props.ts';
import type { Schema } from './schema-props.ts';

type Level = 'root' | 'item' | 'field';

const EMPTY_TYPE_DETAIL: Record<Level, string> = {
  root: 'must not be empty at the root',
  item: 'must not be empty for specified array items',
  field: 'must not be empty for specified object fields',
};
const INT_OR_STRING_ANY_OF = [{ type: 'integer' }, { type: 'string' }];
/** The only properties the root's metadata schema may name. */
const METADATA_ALLOWED_PROPERTIES = ['name', 'generateName'];

const isTrue = (value: unknown): boolean => value === true;

function isIntOrStringAnyOf(anyOf: unknown): boolean {
  return deepEqual(anyOf, INT_OR_STRING_ANY_OF);
}

/** NestedValueValidation: a schema under allOf/anyOf/oneOf/not, which must add value validation only. */
function validateNested(v: Schema, skipAnyOf: boolean, level: Level, path: FieldPath): FieldError[] {
  const errs = validateValueValidation(v, skipAnyOf, false, level, path);
  const items = itemsSchema(v);
  if (items) errs.push(...validateNested(items, false, level, path.child('items')));
  const properties = record(v.properties);
  for (const key of sortedKeys(properties)) {
    const p = record(properties?.[key]);
    if (p) errs.push(...validateNested(p, false, 'field', path.child('properties').key(key)));
  }
  if (typeof v.type === 'string' && v.type !== '')
    errs.push(forbiddenField(path.child('type'), 'must be empty to be structural'));
  if (v.additionalProperties !== undefined && v.additionalProperties !== null) {
    errs.push(forbiddenField(path.child('additionalProperties'), 'must be undefined to be structural'));
  }
  if (v.default !== undefined && v.default !== null)
    errs.push(forbiddenField(path.child('default'), 'must be undefined to be structural'));
  if (str(v.title) !== '') errs.push(forbiddenField(path.child('title'), 'must be empty to be structural'));
  if (str(v.description) !== '') errs.push(forbiddenField(path.child('description'), 'must be empty to be structural'));
  if (isTrue(v.nullable)) errs.push(forbiddenField(path.child('nullable'), 'must be false to be structural'));
  for (const ext of [
    'x-kubernetes-preserve-unknown-fields',
    'x-kubernetes-embedded-resource',
    'x-kubernetes-int-or-string',
  ]) {
    if (isTrue(v[ext])) errs.push(forbiddenField(path.child(ext), 'must be false to be structural'));
  }
  if (list(v['x-kubernetes-list-map-keys']).length > 0) {
    errs.push(forbiddenField(path.child('x-kubernetes-list-map-keys'), 'must be empty to be structural'));
  }
  for (const ext of ['x-kubernetes-list-type', 'x-kubernetes-map-type']) {
    if (typeof v[ext] === 'string') errs.push(forbiddenField(path.child(ext), 'must be undefined to be structural'));
  }
  if (list(v['x-kubernetes-validations']).length > 0) {
    errs.push(forbiddenField(path.child('x-kubernetes-validations'), 'must be empty to be structural'));
  }
  if (properties && 'metadata' in properties) {
    errs.push(forbiddenField(path.child('properties').key('metadata'), 'must not be specified in a nested context'));
  }
  return errs;
}

/** The junctors of a schema (or of a nested value validation) and its pattern. */
function validateValueValidation(
  s: Schema,
  skipAnyOf: boolean,
  skipFirstAllOfAnyOf: boolean,
  level: Level,
  path: FieldPath,
): FieldError[] {
  const errs: FieldError[] = [];
  if (!skipAnyOf) {
    list(s.anyOf).forEach((v, i) => {
      if (isRecord(v)) errs.push(...validateNested(v, false, level, path.child('anyOf').index(i)));
    });
  }
  list(s.allOf).forEach((v, i) => {
    if (isRecord(v))
      errs.push(...validateNested(v, skipFirstAllOfAnyOf && i === 0, level, path.child('allOf').index(i)));
  });
  list(s.oneOf).forEach((v, i) => {
    if (isRecord(v)) errs.push(...validateNested(v, false, level, path.child('oneOf').index(i)));
  });
  const not = record(s.not);
  if (not) errs.push(...validateNested(not, false, level, path.child('not')));
  const pattern = str(s.pattern);
  if (pattern !== '') {
    try {
      new RegExp(pattern, 'u');
    } catch (error) {
      errs.push(
        invalidValue(
          path.child('pattern'),
          pattern,
          `must be a valid regular expression, but isn't: ${(error as Error).message}`,
        ),
      );
    }
  }
  return errs;
}

/** Metadata at the root may only be `type: object` with name and generateName; embedded metadata must be an object. */
function validateMetadata(metadata: Schema, checkMetadata: boolean, level: Level, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (checkMetadata && metadata.type !== 'object')
    errs.push(invalidValue(path.child('type'), str(metadata.type), 'must be object'));
  if (level === 'root') {
    const rest: Schema = { ...metadata };
    delete rest.type;
    delete rest.default;
    const properties = record(rest.properties);
    const names = Object.keys(properties ?? {});
    if (properties && names.length > 0 && names.every((n) => METADATA_ALLOWED_PROPERTIES.includes(n)))
      delete rest.properties;
    if (Object.values(rest).some((value) => !isZeroValue(value))) {
      errs.push(
        forbiddenField(
          path,
          'must not specify anything other than name and generateName, but metadata is implicitly specified',
        ),
      );
    }
  }
  return errs;
}

function validateInvariants(s: Schema, level: Level, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(s.type);
  const items = itemsSchema(s);
  if (type === 'array' && !items) errs.push(required(path.child('items'), 'must be specified'));
  if (items) errs.push(...validateInvariants(items, 'item', path.child('items')));
  const properties = record(s.properties) ?? {};
  for (const key of sortedKeys(properties)) {
    const p = record(properties[key]);
    if (p) errs.push(...validateInvariants(p, 'field', path.child('properties').key(key)));
  }
  const additional = s.additionalProperties;
  if (additional !== undefined && additional !== null) {
    if (level === 'root') errs.push(forbiddenField(path.child('additionalProperties'), 'must not be used at the root'));
    if (isRecord(additional)) errs.push(...validateInvariants(additional, 'field', path.child('additionalProperties')));
  }
  const intOrString = isTrue(s['x-kubernetes-int-or-string']);
  const preserveUnknown = isTrue(s['x-kubernetes-preserve-unknown-fields']);
  const embedded = isTrue(s['x-kubernetes-embedded-resource']);
  if (intOrString && preserveUnknown) {
    errs.push(
      invalidValue(
        path.child('x-kubernetes-preserve-unknown-fields'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  if (intOrString && embedded) {
    errs.push(
      invalidValue(
        path.child('x-kubernetes-embedded-resource'),
        true,
        'must be false if x-kubernetes-int-or-string is true',
      ),
    );
  }
  const skipAnyOf = isIntOrStringAnyOf(s.anyOf);
  const skipFirstAllOfAnyOf = isIntOrStringAnyOf(record(list(s.allOf)[0])?.anyOf);
  errs.push(...validateValueValidation(s, skipAnyOf, skipFirstAllOfAnyOf, level, path));
  const checkMetadata = level === 'root' || embedded;
  if (embedded && type !== 'object') {
    errs.push(
      type === ''
        ? required(path.child('type'), 'must be object if x-kubernetes-embedded-resource is true')
        : invalidValue(path.child('type'), type, 'must be object if x-kubernetes-embedded-resource is true'),
    );
  } else if (type === '' && !intOrString && !preserveUnknown) {
    errs.push(required(path.child('type'), EMPTY_TYPE_DETAIL[level]));
  }
  if (embedded && additional !== undefined && additional !== null) {
    errs.push(
      forbiddenField(path.child('additionalProperties'), 'must not be used if x-kubernetes-embedded-resource is set'),
    );
  }
  if (level === 'root' && type !== '' && type !== 'object')
    errs.push(invalidValue(path.child('type'), type, 'must be object at the root'));
  for (const field of ['kind', 'apiVersion']) {
    const p = record(properties[field]);
    if (p && checkMetadata && p.type !== 'string')
      errs.push(invalidValue(path.child('properties').key(field).child('type'), str(p.type), 'must be string'));
  }
  const metadata = record(properties.metadata);
  if (metadata)
    errs.push(...validateMetadata(metadata, checkMetadata, level, path.child('properties').key('metadata')));
  if (embedded && !preserveUnknown && Object.keys(properties).length === 0) {
    errs.push(
      required(
        path.child('properties'),
        'must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields',
      ),
    );
  }
  return errs;
}

/** Value validations must only restrict what the structural part of the schema declares (checked at the root). */
function validateCompleteness(v: Schema, s: Schema | undefined, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  if (!s) return [required(sPath, `because it is defined in ${vPath.toString()}`)];
  const errs: FieldError[] = [];
  const junctors: [string, Schema][] = [];
  const not = record(v.not);
  if (not) junctors.push(['not', not]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    list(v[key]).forEach((n, i) => {
      if (isRecord(n)) junctors.push([`${key}[${i}]`, n]);
    });
  }
  for (const [name, nested] of junctors) {
    const open = name.indexOf('[');
    const nestedPath =
      open < 0 ? vPath.child(name) : vPath.child(name.slice(0, open)).index(Number(name.slice(open + 1, -1)));
    errs.push(...validateNestedCompleteness(nested, s, sPath, nestedPath));
  }
  return errs;
}

function validateNestedCompleteness(v: Schema, s: Schema, sPath: FieldPath, vPath: FieldPath): FieldError[] {
  const errs = validateCompleteness(v, s, sPath, vPath);
  const items = itemsSchema(v);
  if (items) {
    const sItems = itemsSchema(s);
    errs.push(
      ...(sItems
        ? validateNestedCompleteness(items, sItems, sPath.child('items'), vPath.child('items'))
        : [required(sPath.child('items'), `because it is defined in ${vPath.child('items').toString()}`)]),
    );
  }
  const properties = record(v.properties);
  const sProperties = record(s.properties) ?? {};
  for (const key of sortedKeys(properties)) {
    const vField = record(properties?.[key]);
    if (!vField) continue;
    const sField = record(sProperties[key]);
    const vFieldPath = vPath.child('properties').key(key);
    if (!sField)
      errs.push(required(sPath.child('properties').key(key), `because it is defined in ${vFieldPath.toString()}`));
    else errs.push(...validateNestedCompleteness(vField, sField, sPath.child('properties').key(key), vFieldPath));
  }
  return errs;
}

/** Upstream's ValidateStructural for the schema at `path` (…openAPIV3Schema). */
export function validateStructural(schema: Schema, path: FieldPath): FieldError[] {
  const errs = [...validateInvariants(schema, 'root', path), ...validateCompleteness(schema, schema, path, path)];
  return errs.sort((a, b) => (a.toString() < b.toString() ? -1 : a.toString() > b.toString() ? 1 : 0));
}
