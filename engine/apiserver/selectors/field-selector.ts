// Field selectors (k8s.io/apimachinery/pkg/fields.Selector): `metadata.name=x,status.phase!=Running`, with `==` as
// a synonym of `=` and `\,` `\=` `\\` escapes in values. The API server checks every field against the resource's
// field label conversion (`field label not supported: <f>`) and uses an exact match on an indexed field for lookups.

import { goQuote } from '../../api/go-format.ts';
import { SelectorError } from './selector-error.ts';

export interface FieldRequirement {
  readonly field: string;
  /** `==` parses as `=`, as upstream's selection.Equals. */
  readonly operator: '=' | '!=';
  readonly value: string;
}

/** Reads a field of the object being matched; an absent field reads as "" (upstream's fields.Set.Get). */
export type FieldGetter = (field: string) => string | undefined;

/** Operators in the order they are tried at each position: `!=` and `==` before `=`. */
const OPERATORS = ['!=', '==', '='] as const;

/** Go's string order: by UTF-8 bytes. */
const compareBytes = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Splits at commas that are not escaped; escapes stay in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term splits it; the field itself cannot contain one. */
function splitTerm(term: string): { field: string; operator: string; value: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const operator = OPERATORS.find((op) => term.startsWith(op, i));
    if (operator) return { field: term.slice(0, i), operator, value: term.slice(i + operator.length) };
  }
  return undefined;
}

/** fields.EscapeValue: `\` `,` `=` get a backslash. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** fields.UnescapeValue, with its errors. */
export function unescapeFieldValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  let inSlash = false;
  for (const c of value) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') {
        throw new SelectorError(`invalid field selector: invalid escape sequence: \\${c}`);
      }
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its number.
      throw new SelectorError(`invalid field selector: unescaped character in value: ${c.codePointAt(0)}`);
    } else {
      out += c;
    }
  }
  if (inSlash) throw new SelectorError('invalid field selector: invalid escape sequence: \\');
  return out;
}

export class FieldSelector {
  private constructor(
    /** The terms, all of which must hold, in upstream's order (sorted by their text). */
    readonly requirements: readonly FieldRequirement[],
  ) {}

  static everything(): FieldSelector {
    return new FieldSelector([]);
  }

  /** fields.ParseSelector: throws SelectorError with upstream's message. */
  static parse(selector: string): FieldSelector {
    const requirements: FieldRequirement[] = [];
    for (const term of splitTerms(selector).sort(compareBytes)) {
      if (term === '') continue;
      const parts = splitTerm(term);
      if (!parts) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
      const value = unescapeFieldValue(parts.value);
      // Upstream drops a term whose field and value are both empty ("=" alone).
      if (parts.field === '' && value === '') continue;
      requirements.push({ field: parts.field, operator: parts.operator === '!=' ? '!=' : '=', value });
    }
    return new FieldSelector(requirements);
  }

  matches(getField: FieldGetter): boolean {
    return this.requirements.every((r) => ((getField(r.field) ?? '') === r.value) === (r.operator === '='));
  }

  isEmpty(): boolean {
    return this.requirements.length === 0;
  }

  /** The canonical string form, values escaped: `metadata.name=a\,b,status.phase!=Running`. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }

  /** The fields the selector reads, each once, in order. */
  fields(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  /**
   * Runs the resource's field label conversion over the terms in order, as the API server does before listing:
   * `rejection` returns the error for a field the resource cannot select on (see the message builders below), and
   * the first such error is thrown as a SelectorError.
   */
  checkFields(rejection: (field: string) => string | undefined): void {
    for (const field of this.fields()) {
      const message = rejection(field);
      if (message !== undefined) throw new SelectorError(message);
    }
  }

  /** The value an `=` term requires of `field`, if any: what a field index can look up. */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }
}

/** fields.ParseSelector, by its upstream name. */
export function parseFieldSelector(selector: string): FieldSelector {
  return FieldSelector.parse(selector);
}

/** The rejection of kinds with their own field label conversion (pods, events, nodes, secrets…). */
export function fieldLabelNotSupported(field: string): string {
  return `field label not supported: ${field}`;
}

/** The rejection of kinds without one, which select on metadata.name and metadata.namespace only. */
export function notAKnownFieldSelector(field: string): string {
  return `${goQuote(field)} is not a known field selector: only "metadata.name", "metadata.namespace"`;
}
