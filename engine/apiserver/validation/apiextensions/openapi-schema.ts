// The OpenAPI checks of a CRD schema beyond structure (ValidateCustomResourceDefinitionOpenAPISchema in
// pkg/apis/apiextensions/validation): supported types and keywords only, no defaults inside top-level metadata,
// kind or apiVersion, the rules of the x-kubernetes-* extensions (list types and map keys, map types, preserve
// unknown fields), and the static rules of x-kubernetes-validations. CEL expressions are not compiled.

import { forbiddenField, invalidValue, notSupported, required } from '../../errors/field-error.ts';
import type { FieldError, FieldPath } from '../../errors/field-error.ts';
import { isRecord, list, record, sortedKeys, str } from '../access.ts';
import { itemsSchema } from './schema-props.ts';
import type { Schema } from './schema-props.ts';

export const OPENAPI_V3_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];
const META_FIELDS = ['metadata', 'kind', 'apiVersion'];
const VALIDATION_REASONS = ['FieldValueDuplicate', 'FieldValueForbidden', 'FieldValueInvalid', 'FieldValueRequired'];

/** Switches that depend on what a stored CRD already had (checks are never tightened on stored data). */
export interface SchemaOptions {
  requireValidPropertyType: boolean;
  requireAtomicSetType: boolean;
  requireMapListKeysMapSetValidation: boolean;
}

/** Where in the tree the walk is: defaults may be forbidden, and embedded resources inside metadata are. */
interface Context {
  allowDefaults: boolean;
  disallowDefaultsReason: string;
  insideResourceMeta: boolean;
}

const isSet = (value: unknown): boolean => value !== undefined && value !== null;
const hasNewlines = (value: string): boolean => /[\n\r]/.test(value);

/** specStandardValidatorV3.validate: the keywords Kubernetes does not support. */
function validateKeywords(s: Schema, ctx: Context, options: SchemaOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(s.type);
  if (options.requireValidPropertyType && type !== '' && !OPENAPI_V3_TYPES.includes(type)) {
    errs.push(notSupported(path.child('type'), type, OPENAPI_V3_TYPES));
  }
  if (isSet(s.default) && !ctx.allowDefaults) {
    errs.push(
      forbiddenField(
        path.child('default'),
        ctx.disallowDefaultsReason ? `must not be set ${ctx.disallowDefaultsReason}` : 'must not be set',
      ),
    );
  }
  if (str(s.id) !== '') errs.push(forbiddenField(path.child('id'), 'id is not supported'));
  if (isSet(s.additionalItems))
    errs.push(forbiddenField(path.child('additionalItems'), 'additionalItems is not supported'));
  if (sortedKeys(s.patternProperties).length > 0)
    errs.push(forbiddenField(path.child('patternProperties'), 'patternProperties is not supported'));
  if (sortedKeys(s.definitions).length > 0)
    errs.push(forbiddenField(path.child('definitions'), 'definitions is not supported'));
  if (isSet(s.dependencies)) errs.push(forbiddenField(path.child('dependencies'), 'dependencies is not supported'));
  if (isSet(s.$ref)) errs.push(forbiddenField(path.child('$ref'), '$ref is not supported'));
  if (type === 'null')
    errs.push(forbiddenField(path.child('type'), 'type cannot be set to null, use nullable as an alternative'));
  if (Array.isArray(s.items) && s.items.length > 0)
    errs.push(forbiddenField(path.child('items'), 'items must be a schema object and not an array'));
  if (ctx.insideResourceMeta && s['x-kubernetes-embedded-resource'] === true) {
    errs.push(forbiddenField(path.child('x-kubernetes-embedded-resource'), 'must not be used inside of resource meta'));
  }
  return errs;
}

function typeMustBe(s: Schema, expected: string, extension: string, path: FieldPath): FieldError[] {
  const type = str(s.type);
  if (type === expected) return [];
  const detail = `must be ${expected} if ${extension} is specified`;
  return [type === '' ? required(path.child('type'), detail) : invalidValue(path.child('type'), type, detail)];
}

function validateListExtensions(s: Schema, options: SchemaOptions, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const listType = s['x-kubernetes-list-type'];
  const items = itemsSchema(s);
  if (typeof listType === 'string' && s.type !== 'array') {
    errs.push(...typeMustBe(s, 'array', 'x-kubernetes-list-type', path));
  } else if (options.requireAtomicSetType && listType === 'set' && items) {
    if (
      items.type === 'array' &&
      typeof items['x-kubernetes-list-type'] === 'string' &&
      items['x-kubernetes-list-type'] !== 'atomic'
    ) {
      errs.push(
        invalidValue(
          path.child('items', 'x-kubernetes-list-type'),
          items['x-kubernetes-list-type'],
          'must be atomic as item of a list with x-kubernetes-list-type=set',
        ),
      );
    }
    if (items.type === 'object' && items['x-kubernetes-map-type'] !== 'atomic') {
      errs.push(
        invalidValue(
          path.child('items', 'x-kubernetes-map-type'),
          items['x-kubernetes-list-type'] ?? null,
          'must be atomic as item of a list with x-kubernetes-list-type=set',
        ),
      );
    }
  }
  if (typeof listType === 'string' && !['atomic', 'set', 'map'].includes(listType)) {
    errs.push(notSupported(path.child('x-kubernetes-list-type'), listType, ['atomic', 'set', 'map']));
  }
  const keys = list(s['x-kubernetes-list-map-keys']).map(str);
  if (keys.length > 0) {
    if (typeof listType !== 'string')
      errs.push(
        required(path.child('x-kubernetes-list-type'), 'must be map if x-kubernetes-list-map-keys is non-empty'),
      );
    else if (listType !== 'map')
      errs.push(
        invalidValue(
          path.child('x-kubernetes-list-type'),
          listType,
          'must be map if x-kubernetes-list-map-keys is non-empty',
        ),
      );
  }
  if (listType === 'map') errs.push(...validateMapList(s, keys, path));
  if (options.requireMapListKeysMapSetValidation) errs.push(...validateMapListKeysMapSet(s, keys, path));
  return errs;
}

function validateMapList(s: Schema, keys: string[], path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (keys.length === 0)
    errs.push(required(path.child('x-kubernetes-list-map-keys'), 'must not be empty if x-kubernetes-list-type is map'));
  if (!isSet(s.items)) errs.push(required(path.child('items'), 'must have a schema if x-kubernetes-list-type is map'));
  if (Array.isArray(s.items))
    errs.push(
      invalidValue(path.child('items'), s.items, 'must only have a single schema if x-kubernetes-list-type is map'),
    );
  const items = itemsSchema(s);
  if (!items) return errs;
  if (items.type !== 'object') {
    errs.push(
      invalidValue(
        path.child('items', 'type'),
        str(items.type),
        "must be object if parent array's x-kubernetes-list-type is map",
      ),
    );
    return errs;
  }
  const properties = record(items.properties) ?? {};
  const seen = new Set<string>();
  for (const key of keys) {
    const property = record(properties[key]);
    if (!property) {
      errs.push(
        invalidValue(path.child('x-kubernetes-list-map-keys'), keys, 'entries must all be names of item properties'),
      );
    } else if (property.type === 'array' || property.type === 'object') {
      errs.push(
        invalidValue(
          path.child('items', 'properties').key(key).child('type'),
          str(items.type),
          "must be a scalar type if parent array's x-kubernetes-list-type is map",
        ),
      );
    }
    if (seen.has(key))
      errs.push(invalidValue(path.child('x-kubernetes-list-map-keys'), keys, 'must not contain duplicate entries'));
    seen.add(key);
  }
  return errs;
}

function validateMapListKeysMapSet(s: Schema, keys: string[], path: FieldPath): FieldError[] {
  const listType = s['x-kubernetes-list-type'];
  const items = itemsSchema(s);
  if (!items || (listType !== 'set' && listType !== 'map')) return [];
  const errs: FieldError[] = [];
  if (items.nullable === true)
    errs.push(
      forbiddenField(path.child('items', 'nullable'), `cannot be nullable when x-kubernetes-list-type is ${listType}`),
    );
  if (listType !== 'map') return errs;
  const requiredKeys = new Set(list(items.required).map(str));
  const properties = record(items.properties) ?? {};
  for (const key of keys) {
    const property = record(properties[key]);
    if (!property) continue;
    const at = path.child('items', 'properties').key(key);
    if (!requiredKeys.has(key) && !isSet(property.default)) {
      errs.push(
        required(
          at.child('default'),
          'this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property',
        ),
      );
    }
    if (property.nullable === true)
      errs.push(
        forbiddenField(
          at.child('nullable'),
          'this property is in x-kubernetes-list-map-keys, so it cannot be nullable',
        ),
      );
  }
  return errs;
}

function validateRules(s: Schema, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  list(s['x-kubernetes-validations']).forEach((r, i) => {
    const rule = record(r) ?? {};
    const at = path.child('x-kubernetes-validations').index(i);
    const ruleText = str(rule.rule).trim();
    const message = str(rule.message);
    const trimmedMessage = message.trim();
    if (ruleText === '') errs.push(required(at.child('rule'), 'rule is not specified'));
    else if (message !== '' && trimmedMessage === '')
      errs.push(invalidValue(at.child('message'), message, 'message must be non-empty if specified'));
    else if (hasNewlines(trimmedMessage))
      errs.push(invalidValue(at.child('message'), message, 'message must not contain line breaks'));
    else if (hasNewlines(ruleText) && trimmedMessage === '')
      errs.push(required(at.child('message'), 'message must be specified if rule contains line breaks'));
    const messageExpression = str(rule.messageExpression);
    if (messageExpression !== '' && messageExpression.trim() === '') {
      errs.push(required(at.child('messageExpression'), 'messageExpression must be non-empty if specified'));
    }
    if (typeof rule.reason === 'string' && !VALIDATION_REASONS.includes(rule.reason)) {
      errs.push(notSupported(at.child('reason'), rule.reason, VALIDATION_REASONS));
    }
    const fieldPath = str(rule.fieldPath);
    if (fieldPath !== '' && fieldPath.trim() === '')
      errs.push(invalidValue(at.child('fieldPath'), fieldPath, 'fieldPath must be non-empty if specified'));
    if (hasNewlines(fieldPath))
      errs.push(invalidValue(at.child('fieldPath'), fieldPath, 'fieldPath must not contain line breaks'));
  });
  return errs;
}

function validateNode(s: Schema, ctx: Context, options: SchemaOptions, isRoot: boolean, path: FieldPath): FieldError[] {
  const errs = validateKeywords(s, ctx, options, path);
  if (s.uniqueItems === true) {
    errs.push(
      forbiddenField(
        path.child('uniqueItems'),
        'uniqueItems cannot be set to true since the runtime complexity becomes quadratic',
      ),
    );
  }
  const properties = record(s.properties) ?? {};
  const additional = s.additionalProperties;
  if (isSet(additional)) {
    if (Object.keys(properties).length > 0 && (additional === false || isRecord(additional))) {
      errs.push(
        forbiddenField(path.child('additionalProperties'), 'additionalProperties and properties are mutual exclusive'),
      );
    }
    if (isRecord(additional)) {
      const sub = ctx.insideResourceMeta
        ? {
            ...ctx,
            allowDefaults: false,
            disallowDefaultsReason: 'inside additionalProperties applying to object metadata',
          }
        : ctx;
      errs.push(...validateNode(additional, sub, options, false, path.child('additionalProperties')));
    }
  }
  for (const key of sortedKeys(properties)) {
    const property = record(properties[key]);
    if (!property) continue;
    let sub = ctx;
    if ((isRoot || s['x-kubernetes-embedded-resource'] === true) && META_FIELDS.includes(key)) {
      sub = { ...sub, insideResourceMeta: true };
      if (isRoot) sub = { ...sub, allowDefaults: false, disallowDefaultsReason: `in top-level ${key}` };
    }
    errs.push(...validateNode(property, sub, options, false, path.child('properties').key(key)));
  }
  const not = record(s.not);
  if (not) errs.push(...validateNode(not, ctx, options, false, path.child('not')));
  for (const junctor of ['allOf', 'oneOf', 'anyOf']) {
    list(s[junctor]).forEach((sub, i) => {
      if (isRecord(sub)) errs.push(...validateNode(sub, ctx, options, false, path.child(junctor).index(i)));
    });
  }
  const items = itemsSchema(s);
  if (items) errs.push(...validateNode(items, ctx, options, false, path.child('items')));
  if (s['x-kubernetes-preserve-unknown-fields'] === false) {
    errs.push(invalidValue(path.child('x-kubernetes-preserve-unknown-fields'), false, 'must be true or undefined'));
  }
  const mapType = s['x-kubernetes-map-type'];
  if (typeof mapType === 'string') {
    errs.push(...typeMustBe(s, 'object', 'x-kubernetes-map-type', path));
    if (mapType !== 'atomic' && mapType !== 'granular')
      errs.push(notSupported(path.child('x-kubernetes-map-type'), mapType, ['atomic', 'granular']));
  }
  errs.push(...validateListExtensions(s, options, path));
  errs.push(...validateRules(s, path));
  return errs;
}

/** Upstream's ValidateCustomResourceDefinitionOpenAPISchema for the root schema at `path`. */
export function validateOpenAPISchema(schema: Schema, options: SchemaOptions, path: FieldPath): FieldError[] {
  return validateNode(
    schema,
    { allowDefaults: true, disallowDefaultsReason: '', insideResourceMeta: false },
    options,
    true,
    path,
  );
}
