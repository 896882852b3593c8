// kube-openapi's SchemaValidator over a custom resource: per node it runs the type, anyOf/oneOf/allOf/not, string,
// format, number, array, enum and object checks that apply to the value's kind, in that order, and recurses into
// properties, additionalProperties and items with paths like "spec.ports[0].name". With a correlation to the old
// object (on update), a node whose value did not change reports no errors (ratcheting).

import { goJson } from '../../api/go-format.ts';
import * as errors from './openapi-errors.ts';
import type { Correlation } from './ratcheting.ts';
import { additionalSchema, ownValue } from './schema-props.ts';
import type { JSONSchemaProps } from './schema-props.ts';
import { Result } from './validation-result.ts';
import {
  checkEnum,
  checkFormat,
  checkNumber,
  checkString,
  checkType,
  formatOf,
  kindOf,
  typesOf,
} from './value-checks.ts';
import type { ValueKind } from './value-checks.ts';

type Json = Record<string, unknown>;

class NodeValidator {
  constructor(
    private readonly s: JSONSchemaProps,
    private readonly path: string,
    /** The node of the old object at this place, when there is one. */
    private readonly correlation: Correlation | undefined,
    /** Whether this node ratchets itself (branches of anyOf… only pass the correlation on to their children). */
    private readonly ratchets: boolean,
  ) {}

  validate(value: unknown): Result {
    const result = this.run(value);
    if (this.ratchets && !result.isValid() && this.correlation?.unchanged()) return result.withoutErrors();
    return result;
  }

  private run(value: unknown): Result {
    const result = new Result();
    const kind = kindOf(value);
    if (kind === 'null') return result.merge(checkType(this.s, this.path, null), checkEnum(this.s, this.path, null));
    for (const check of this.checks(kind)) {
      result.merge(check(value));
      result.inc();
    }
    result.inc();
    return result;
  }

  /** The checks that apply to a value of this kind, in kube-openapi's order. */
  private checks(kind: ValueKind): ((value: unknown) => Result | undefined)[] {
    const s = this.s;
    const path = this.path;
    const checks: ((value: unknown) => Result | undefined)[] = [];
    if (typesOf(s).length > 0 || formatOf(s) !== '') checks.push((v) => checkType(s, path, v));
    checks.push((v) => this.checkComposition(v));
    if (kind === 'string') {
      checks.push((v) => checkString(s, path, v as string));
      if (formatOf(s) !== '') checks.push((v) => checkFormat(s, path, v as string));
    }
    if (kind === 'int' || kind === 'float') checks.push((v) => checkNumber(s, path, v as number));
    if (kind === 'array') checks.push((v) => this.checkArray(v as unknown[]));
    checks.push((v) => checkEnum(s, path, v));
    if (kind === 'object') checks.push((v) => this.checkObject(v as Json));
    return checks;
  }

  private child(name: string | number, schema: JSONSchemaProps, path: string): NodeValidator {
    const typeMeta = this.path === '' && (name === 'kind' || name === 'apiVersion');
    const correlation =
      typeof name === 'number' ? this.correlation?.index(name) : typeMeta ? undefined : this.correlation?.key(name);
    return new NodeValidator(schema, path, correlation, correlation !== undefined);
  }

  private branch(schema: JSONSchemaProps): NodeValidator {
    return new NodeValidator(schema, this.path, this.correlation, false);
  }

  private checkObject(value: Json): Result {
    const s = this.s;
    const result = new Result();
    const keys = Object.keys(value);
    if (s.minProperties !== undefined && keys.length < s.minProperties) {
      result.addErrors(errors.tooFewProperties(this.path, s.minProperties, keys.length));
    }
    if (s.maxProperties !== undefined && keys.length > s.maxProperties) {
      result.addErrors(errors.tooManyProperties(this.path, s.maxProperties, keys.length));
    }
    const additional = additionalSchema(s);
    for (const key of keys) {
      if (s.properties?.has(key)) continue;
      if (s.additionalProperties === false) result.addErrors(errors.propertyNotAllowed(this.path, key));
      else if (additional) result.merge(this.child(key, additional, `${this.path}.${key}`).validate(value[key]));
    }
    for (const [name, property] of s.properties ?? []) {
      if (!Object.hasOwn(value, name)) continue;
      const path = this.path ? `${this.path}.${name}` : name;
      result.merge(this.child(name, property, path).validate(ownValue(value, name)));
    }
    for (const name of s.required ?? []) {
      if (!Object.hasOwn(value, name)) result.addErrors(errors.required(`${this.path}.${name}`));
    }
    return result;
  }

  private checkArray(value: unknown[]): Result {
    const s = this.s;
    const result = new Result();
    if (s.items) {
      const items = s.items;
      value.forEach((item, i) => result.merge(this.child(i, items, `${this.path}[${i}]`).validate(item)));
    }
    if (s.minItems !== undefined && value.length < s.minItems) {
      result.addErrors(errors.tooFewItems(this.path, s.minItems, value.length));
    }
    if (s.maxItems !== undefined && value.length > s.maxItems) {
      result.addErrors(errors.tooManyItems(this.path, s.maxItems, value.length));
    }
    if (s.uniqueItems && hasDuplicates(value)) result.addErrors(errors.duplicateItems(this.path));
    result.inc();
    return result;
  }

  /** anyOf, oneOf, allOf and not (schemaPropsValidator): the best failing branch explains a failure. */
  private checkComposition(value: unknown): Result {
    const s = this.s;
    const result = new Result();
    if (s.anyOf?.length) {
      let best: Result | undefined;
      let success: Result | undefined;
      for (const schema of s.anyOf) {
        const branch = this.branch(schema).validate(value);
        if (branch.isValid()) {
          success = branch;
          best = undefined;
          break;
        }
        if (!best || branch.matchCount > best.matchCount) best = branch;
      }
      if (!success) result.addErrors(errors.mustValidateAtLeastOne(this.path));
      result.merge(best ?? success);
    }
    if (s.oneOf?.length) {
      let best: Result | undefined;
      let success: Result | undefined;
      let valid = 0;
      for (const schema of s.oneOf) {
        const branch = this.branch(schema).validate(value);
        if (branch.isValid()) {
          valid++;
          best = undefined;
          success ??= branch;
        } else if (valid === 0 && (!best || branch.matchCount > best.matchCount)) best = branch;
      }
      if (valid !== 1) {
        const detail = valid === 0 ? 'Found none valid' : `Found ${valid} valid alternatives`;
        result.addErrors(errors.mustValidateOnlyOne(this.path, detail));
        result.merge(best);
      } else result.merge(success);
    }
    if (s.allOf?.length) {
      let valid = 0;
      for (const schema of s.allOf) {
        const branch = this.branch(schema).validate(value);
        if (branch.isValid()) valid++;
        result.merge(branch);
      }
      if (valid !== s.allOf.length)
        result.addErrors(errors.mustValidateAll(this.path, valid === 0 ? '. None validated' : ''));
    }
    if (s.not && this.branch(s.not).validate(value).isValid()) result.addErrors(errors.mustNotValidate(this.path));
    result.inc();
    return result;
  }
}

/** uniqueItems: two items are the same when they marshal to the same JSON. */
function hasDuplicates(items: unknown[]): boolean {
  return new Set(items.map((item) => goJson(item))).size !== items.length;
}

/**
 * Validates a value against a schema as kube-openapi does; `path` names the value in messages ("" for a whole
 * object). With a correlation to the old value, errors in unchanged parts are dropped.
 */
export function validateAgainstSchema(schema: JSONSchemaProps, value: unknown, correlation?: Correlation): Result {
  return new NodeValidator(schema, '', correlation, correlation !== undefined).validate(value);
}
