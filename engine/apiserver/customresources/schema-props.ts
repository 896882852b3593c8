// A CustomResourceDefinition version's schema (apiextensions.k8s.io/v1 JSONSchemaProps) read from the CRD's JSON
// into a typed tree. Keywords of the wrong JSON type are left out, properties are kept in a Map (so a property called
// "constructor" or "__proto__" is only a name), a null default is no default (as Go reads it), and the
// x-kubernetes-* extensions get short names. Small helpers answer what the structural algorithms ask of a node.

import { isPlainObject } from '../../api/object.ts';

export interface JSONSchemaProps {
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  /** The default value (never null: a null default is no default). */
  default?: unknown;
  enum?: unknown[];
  maximum?: number;
  exclusiveMaximum?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  maxItems?: number;
  minItems?: number;
  uniqueItems?: boolean;
  multipleOf?: number;
  maxProperties?: number;
  minProperties?: number;
  required?: string[];
  items?: JSONSchemaProps;
  properties?: ReadonlyMap<string, JSONSchemaProps>;
  /** A schema for the values of keys that are not properties, or the boolean form. */
  additionalProperties?: JSONSchemaProps | boolean;
  allOf?: JSONSchemaProps[];
  anyOf?: JSONSchemaProps[];
  oneOf?: JSONSchemaProps[];
  not?: JSONSchemaProps;
  /** x-kubernetes-preserve-unknown-fields */
  preserveUnknownFields?: boolean;
  /** x-kubernetes-embedded-resource */
  embeddedResource?: boolean;
  /** x-kubernetes-int-or-string */
  intOrString?: boolean;
  /** x-kubernetes-list-type: "atomic", "set" or "map" */
  listType?: string;
  /** x-kubernetes-list-map-keys */
  listMapKeys?: string[];
  /** x-kubernetes-map-type: "atomic" or "granular" */
  mapType?: string;
}

type Json = Record<string, unknown>;

const STRING_KEYWORDS = ['type', 'format', 'description', 'pattern'] as const;
const NUMBER_KEYWORDS = [
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'maxItems',
  'minItems',
  'multipleOf',
  'maxProperties',
  'minProperties',
] as const;
const BOOLEAN_KEYWORDS = ['nullable', 'exclusiveMaximum', 'exclusiveMinimum', 'uniqueItems'] as const;
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'] as const;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function schemaList(value: unknown): JSONSchemaProps[] | undefined {
  return Array.isArray(value) ? value.map(parseSchemaProps) : undefined;
}

function readExtensions(json: Json, out: JSONSchemaProps): void {
  if (json['x-kubernetes-preserve-unknown-fields'] === true) out.preserveUnknownFields = true;
  if (json['x-kubernetes-embedded-resource'] === true) out.embeddedResource = true;
  if (json['x-kubernetes-int-or-string'] === true) out.intOrString = true;
  const listType = json['x-kubernetes-list-type'];
  if (typeof listType === 'string') out.listType = listType;
  const listMapKeys = stringList(json['x-kubernetes-list-map-keys']);
  if (listMapKeys) out.listMapKeys = listMapKeys;
  const mapType = json['x-kubernetes-map-type'];
  if (typeof mapType === 'string') out.mapType = mapType;
}

/** Reads a JSONSchemaProps object from JSON; anything that is not an object reads as the empty schema. */
export function parseSchemaProps(value: unknown): JSONSchemaProps {
  const out: JSONSchemaProps = {};
  if (!isPlainObject(value)) return out;
  for (const key of STRING_KEYWORDS) if (typeof value[key] === 'string') out[key] = value[key];
  for (const key of NUMBER_KEYWORDS) if (typeof value[key] === 'number') out[key] = value[key];
  for (const key of BOOLEAN_KEYWORDS) if (typeof value[key] === 'boolean') out[key] = value[key];
  if (value['default'] !== undefined && value['default'] !== null) out.default = value['default'];
  if (Array.isArray(value['enum'])) out.enum = value['enum'];
  const required = stringList(value['required']);
  if (required) out.required = required;
  if (isPlainObject(value['items'])) out.items = parseSchemaProps(value['items']);
  if (isPlainObject(value['properties'])) {
    out.properties = new Map(Object.entries(value['properties']).map(([k, v]) => [k, parseSchemaProps(v)]));
  }
  const additional = value['additionalProperties'];
  if (typeof additional === 'boolean') out.additionalProperties = additional;
  else if (isPlainObject(additional)) out.additionalProperties = parseSchemaProps(additional);
  for (const key of SCHEMA_LIST_KEYWORDS) {
    const list = schemaList(value[key]);
    if (list) out[key] = list;
  }
  if (isPlainObject(value['not'])) out.not = parseSchemaProps(value['not']);
  readExtensions(value, out);
  return out;
}

/** The schema of additionalProperties when it is a schema (not the boolean form). */
export function additionalSchema(s: JSONSchemaProps | undefined): JSONSchemaProps | undefined {
  const additional = s?.additionalProperties;
  return typeof additional === 'object' ? additional : undefined;
}

/**
 * The schema of the value at `key` of an object: its property, else the additionalProperties schema; undefined
 * when the schema has neither (or only the boolean form of additionalProperties).
 */
export function fieldSchema(s: JSONSchemaProps | undefined, key: string): JSONSchemaProps | undefined {
  return s?.properties?.get(key) ?? additionalSchema(s);
}

/** The own property of a decoded JSON object (never one inherited from Object.prototype). */
export function ownValue(obj: Json, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}
