// One requirement of a label selector (k8s.io/apimachinery/pkg/labels.Requirement): a key, an operator and values,
// validated as upstream's NewRequirement does, matched against a label set and printed in upstream's string form.

import { isQualifiedName, isValidLabelValue } from '../validation/names.ts';
import { goQuote, goStringSlice } from '../../api/go-format.ts';
import { SelectorError } from './selector-error.ts';

/** selection.Operator values, as upstream spells them. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export type Labels = Readonly<Record<string, string>> | undefined;

const INT64 = /^[+-]?[0-9]+$/;
const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** strconv.ParseInt(s, 10, 64), or undefined where Go reports an error. */
function parseInt64(s: string): bigint | undefined {
  if (!INT64.test(s)) return undefined;
  const v = BigInt(s);
  return v > MAX_INT64 || v < MIN_INT64 ? undefined : v;
}

/** A field error as upstream prints it: `<path>: Invalid value: <value>: <detail>`. */
const invalid = (path: string, value: string, detail: string): string => `${path}: Invalid value: ${value}: ${detail}`;

/**
 * Upstream's validateLabelKey. `path` is the field path errors carry; the string parser has none, and Go prints a
 * nil path as "<nil>", so that is what parse errors show.
 */
export function labelKeyError(key: string, path: string): string | undefined {
  const errs = isQualifiedName(key);
  return errs.length ? invalid(path, goQuote(key), errs.join('; ')) : undefined;
}

/** utilerrors.NewAggregate(...).Error(): one message as is, several deduplicated inside brackets. */
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

export class LabelRequirement {
  private constructor(
    readonly key: string,
    readonly operator: LabelOperator,
    /** The values in the order given (the parser gives them sorted and de-duplicated). */
    readonly values: readonly string[],
  ) {}

  /** Upstream's NewRequirement: throws SelectorError with the aggregated field errors when invalid. */
  static create(key: string, operator: LabelOperator, values: readonly string[]): LabelRequirement {
    const errs: string[] = [];
    const keyError = labelKeyError(key, 'key');
    if (keyError) errs.push(keyError);
    // An empty list is always a nil slice upstream by the time it is validated.
    const shown = goStringSlice(values.length ? values : undefined);
    switch (operator) {
      case 'in':
      case 'notin':
        if (values.length === 0)
          errs.push(invalid('values', shown, "for 'in', 'notin' operators, values set can't be empty"));
        break;
      case '=':
      case '==':
      case '!=':
        if (values.length !== 1)
          errs.push(invalid('values', shown, 'exact-match compatibility requires one single value'));
        break;
      case 'exists':
      case '!':
        if (values.length !== 0)
          errs.push(invalid('values', shown, 'values set must be empty for exists and does not exist'));
        break;
      case 'gt':
      case 'lt':
        if (values.length !== 1)
          errs.push(invalid('values', shown, "for 'Gt', 'Lt' operators, exactly one value is required"));
        values.forEach((v, i) => {
          if (parseInt64(v) === undefined) {
            errs.push(invalid(`values[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
          }
        });
        break;
    }
    values.forEach((v, i) => {
      const valueErrs = isValidLabelValue(v);
      if (valueErrs.length) errs.push(invalid(`values[${i}][${key}]`, goQuote(v), valueErrs.join('; ')));
    });
    if (errs.length) throw new SelectorError(aggregate(errs));
    return new LabelRequirement(key, operator, [...values]);
  }

  /** `key=value` without validation, for maps that were validated when stored (labels.SelectorFromValidatedSet). */
  static equals(key: string, value: string): LabelRequirement {
    return new LabelRequirement(key, '=', [value]);
  }

  matches(labels: Labels): boolean {
    const has = labels !== undefined && Object.hasOwn(labels, this.key);
    const value = has ? labels[this.key] : undefined;
    switch (this.operator) {
      case 'in':
      case '=':
      case '==':
        return value !== undefined && this.values.includes(value);
      case 'notin':
      case '!=':
        return value === undefined || !this.values.includes(value);
      case 'exists':
        return has;
      case '!':
        return !has;
      case 'gt':
      case 'lt': {
        const actual = value === undefined ? undefined : parseInt64(value);
        const bound = this.values.length === 1 ? parseInt64(this.values[0] ?? '') : undefined;
        if (actual === undefined || bound === undefined) return false;
        return this.operator === 'gt' ? actual > bound : actual < bound;
      }
    }
  }

  /** `key=value`, `key in (a,b)`, `!key`…; several values print sorted. */
  toString(): string {
    const values = this.values.length === 1 ? (this.values[0] ?? '') : [...this.values].sort().join(',');
    switch (this.operator) {
      case 'exists':
        return this.key;
      case '!':
        return `!${this.key}`;
      case 'in':
        return `${this.key} in (${values})`;
      case 'notin':
        return `${this.key} notin (${values})`;
      case 'gt':
        return `${this.key}>${values}`;
      case 'lt':
        return `${this.key}<${values}`;
      default:
        return `${this.key}${this.operator}${values}`;
    }
  }
}
