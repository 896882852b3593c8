// Decoding a JSON value into an object of a known built-in kind, as Go's typed decoding does in kube-apiserver:
// fields the schema does not know are dropped (and reported for fieldValidation Strict/Warn), values of the wrong
// type are rejected with encoding/json's message, quantities are written in canonical form, and nulls vanish.

import type { KubeObject } from '../../../api/object.ts';
import { isPlainObject } from '../../../api/object.ts';
import { Quantity } from '../../../api/quantity.ts';
import type { DefinitionSchema, FieldSchema, SchemaLookup } from '../../../api/schema-table.ts';

export interface TypedDecodeResult {
  object: KubeObject;
  /** Paths of fields the schema does not know, e.g. `spec.template.spec.containers[0].imagePolicy`. */
  unknownFields: string[];
}

/** A value of the wrong type: reported as a 400 by the caller. */
export class TypeMismatchError extends Error {
  constructor(
    message: string,
    /** How the unstructured converter words the same mismatch ("cannot convert string to int32"), when known. */
    readonly conversionMessage?: string,
  ) {
    super(message);
    this.name = 'TypeMismatchError';
  }
}

/** The Go type a decoded JSON value has in an unstructured object. */
function unstructuredGoType(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null) return 'nil';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  if (typeof value === 'boolean') return 'bool';
  return 'string';
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** How encoding/json names a JSON value in its errors: "string", "number", "number 1.5" (into an integer)… */
function jsonKind(value: unknown, intoInteger: boolean): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'number') return intoInteger ? `number ${value}` : 'number';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'object') return 'object';
  return 'string';
}

/** The last segment of a definition name, e.g. "DeploymentSpec", as Go names the struct. */
function structName(definitionName: string | undefined): string {
  if (!definitionName) return '';
  return definitionName.slice(definitionName.lastIndexOf('.') + 1);
}

function goPackage(definitionName: string): string {
  const parts = definitionName.split('.');
  return parts.length >= 2 ? parts[parts.length - 2]! : '';
}

/** How a path segment was reached: a struct field, a list index, or a map key. */
const FIELD = 0;
const INDEX = 1;
const MAP_KEY = 2;

class Decoder {
  readonly unknownFields: string[] = [];
  /** Definition names of the structs being decoded, innermost last (named in error messages). */
  private readonly structStack: string[] = [];
  /** The path to the value being decoded, as segments: strings are only built for errors and unknown fields. */
  private readonly segments: (string | number)[] = [];
  private readonly segmentKinds: number[] = [];

  constructor(private readonly lookup: SchemaLookup) {}

  /** `spec.containers[0].image`, `metadata.labels[app]`: the path as unknown fields are reported. */
  private path(): string {
    let path = '';
    for (let i = 0; i < this.segments.length; i++) {
      const segment = this.segments[i]!;
      if (this.segmentKinds[i] === FIELD) path = path ? `${path}.${segment}` : String(segment);
      else path = `${path}[${segment}]`;
    }
    return path;
  }

  /** `spec.containers.image`: the struct fields of the path, as encoding/json names them in its errors. */
  private jsonPath(): string {
    let path = '';
    for (let i = 0; i < this.segments.length; i++) {
      if (this.segmentKinds[i] === FIELD) path = path ? `${path}.${this.segments[i]}` : String(this.segments[i]);
    }
    return path;
  }

  private enter(segment: string | number, kind: number): void {
    this.segments.push(segment);
    this.segmentKinds.push(kind);
  }

  private leave(): void {
    this.segments.pop();
    this.segmentKinds.pop();
  }

  /** The Go type name of a field, for error messages (int32, []v1.Container, map[string]string…). */
  private goType(field: FieldSchema): string {
    if (field.ref) {
      const definition = this.lookup.definition(field.ref);
      if (definition?.format === 'quantity') return 'resource.Quantity';
      if (definition?.format === 'int-or-string') return 'intstr.IntOrString';
      if (definition?.format === 'date-time') return 'v1.Time';
      return `${goPackage(field.ref)}.${structName(field.ref)}`;
    }
    switch (field.type) {
      case 'array':
        return `[]${field.items ? this.goType(field.items) : 'interface {}'}`;
      case 'object':
        return `map[string]${field.additionalProperties ? this.goType(field.additionalProperties) : 'interface {}'}`;
      case 'integer':
        return field.format === 'int64' ? 'int64' : 'int32';
      case 'number':
        return 'float64';
      case 'boolean':
        return 'bool';
      default:
        return field.format === 'byte' ? '[]uint8' : 'string';
    }
  }

  private mismatch(value: unknown, field: FieldSchema): TypeMismatchError {
    const struct = structName(this.structStack[this.structStack.length - 1]);
    const where = struct ? `Go struct field ${struct}.${this.jsonPath()}` : 'Go value';
    const intoInteger = !field.ref && field.type === 'integer';
    const target = this.goType(field);
    return new TypeMismatchError(
      `json: cannot unmarshal ${jsonKind(value, intoInteger)} into ${where} of type ${target}`,
      `cannot convert ${unstructuredGoType(value)} to ${target}`,
    );
  }

  /** Decodes `value` against a definition (a struct, or a named scalar like Quantity). */
  definition(value: unknown, definitionName: string): unknown {
    const definition = this.lookup.definition(definitionName);
    if (!definition) return value;
    if (definition.format) return this.scalar(value, definition.format, definition.type, { ref: definitionName });
    if (definition.properties) return this.struct(value, definition, definitionName);
    if (definition.additionalProperties) {
      return this.map(value, definition.additionalProperties, { ref: definitionName });
    }
    if (definition.type && definition.type !== 'object') {
      return this.scalar(value, undefined, definition.type, { ref: definitionName });
    }
    return value;
  }

  private struct(value: unknown, definition: DefinitionSchema, name: string): unknown {
    if (!isPlainObject(value)) throw this.mismatch(value, { ref: name });
    const properties = definition.properties!;
    const out: Record<string, unknown> = {};
    this.structStack.push(name);
    try {
      for (const key of Object.keys(value)) {
        const child = value[key];
        const field = properties[key];
        if (!field) {
          this.enter(key, FIELD);
          this.unknownFields.push(this.path());
          this.leave();
          continue;
        }
        if (child === null || child === undefined) continue;
        this.enter(key, FIELD);
        out[key] = this.field(child, field);
        this.leave();
      }
    } finally {
      this.structStack.pop();
    }
    return out;
  }

  private map(value: unknown, valueSchema: FieldSchema, self: FieldSchema): unknown {
    if (!isPlainObject(value)) throw this.mismatch(value, self);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = value[key];
      if (child === null || child === undefined) {
        if (valueSchema.type === 'string') out[key] = '';
        continue;
      }
      this.enter(key, MAP_KEY);
      out[key] = this.field(child, valueSchema);
      this.leave();
    }
    return out;
  }

  field(value: unknown, field: FieldSchema): unknown {
    if (field.ref) return this.definition(value, field.ref);
    switch (field.type) {
      case 'array': {
        if (!Array.isArray(value)) throw this.mismatch(value, field);
        const items = field.items;
        if (!items) return value;
        const out = new Array<unknown>(value.length);
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (item === null) {
            out[i] = null;
            continue;
          }
          this.enter(i, INDEX);
          out[i] = this.field(item, items);
          this.leave();
        }
        return out;
      }
      case 'object':
        if (field.additionalProperties) return this.map(value, field.additionalProperties, field);
        return value;
      default:
        return this.scalar(value, field.format, field.type, field);
    }
  }

  private scalar(value: unknown, format: string | undefined, type: string | undefined, self: FieldSchema): unknown {
    switch (format) {
      case 'int-or-string':
        if (typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value))) return value;
        throw this.mismatch(value, self);
      case 'quantity':
        if (typeof value === 'number' || typeof value === 'string') {
          try {
            return Quantity.parse(String(value)).toString();
          } catch {
            throw new TypeMismatchError(
              `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
            );
          }
        }
        throw this.mismatch(value, self);
      case 'date-time':
      case 'micro-time':
        if (typeof value !== 'string') throw this.mismatch(value, self);
        if (!RFC3339.test(value)) {
          throw new TypeMismatchError(
            `parsing time "${value}" as "2006-01-02T15:04:05Z07:00": cannot parse "${value}" as "2006"`,
          );
        }
        return value;
      case 'byte':
        if (typeof value !== 'string') throw this.mismatch(value, self);
        if (!BASE64.test(value) || value.length % 4 !== 0) {
          throw new TypeMismatchError(`illegal base64 data at input byte ${firstBadBase64Byte(value)}`);
        }
        return value;
    }
    switch (type) {
      case 'string':
        if (typeof value !== 'string') throw this.mismatch(value, self);
        return value;
      case 'boolean':
        if (typeof value !== 'boolean') throw this.mismatch(value, self);
        return value;
      case 'integer':
        if (typeof value !== 'number' || !Number.isInteger(value)) throw this.mismatch(value, self);
        if (format !== 'int64' && (value < INT32_MIN || value > INT32_MAX)) throw this.mismatch(value, self);
        return value;
      case 'number':
        if (typeof value !== 'number') throw this.mismatch(value, self);
        return value;
      default:
        return value;
    }
  }
}

function firstBadBase64Byte(value: string): number {
  for (let i = 0; i < value.length; i++) if (!/[A-Za-z0-9+/=]/.test(value[i]!)) return i;
  return value.length - (value.length % 4);
}

/**
 * Decodes an object of the kind described by `definitionName`. Throws TypeMismatchError for values of the wrong
 * type; unknown fields are dropped and listed in the result.
 */
export function decodeTyped(
  value: Record<string, unknown>,
  definitionName: string,
  lookup: SchemaLookup,
): TypedDecodeResult {
  const decoder = new Decoder(lookup);
  const object = decoder.definition(value, definitionName) as KubeObject;
  if (!isPlainObject(object.metadata)) object.metadata = {};
  return { object, unknownFields: decoder.unknownFields };
}
