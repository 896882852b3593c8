// The result of validating a value against a schema, as kube-openapi keeps it: errors without repeats (by message)
// and a match count — how many checks passed — which picks the branch whose errors anyOf and oneOf report. Then
// the API server's translation into field errors (kubeOpenAPIResultToFieldErrors in apiextensions-apiserver).

import { goJson } from '../../api/go-format.ts';
import {
  FieldError,
  FieldPath,
  invalidValue,
  notSupported,
  required,
  tooLong,
  typeInvalid,
} from '../errors/field-error.ts';
import type { OpenApiError } from './openapi-errors.ts';

export class Result {
  readonly errors: OpenApiError[] = [];
  matchCount = 0;

  /** Adds errors whose message is not reported yet. */
  addErrors(...errors: OpenApiError[]): void {
    for (const error of errors) {
      if (!this.errors.some((e) => e.message === error.message)) this.errors.push(error);
    }
  }

  /** Adds the errors and match counts of other results. */
  merge(...others: (Result | undefined)[]): this {
    for (const other of others) {
      if (!other) continue;
      this.addErrors(...other.errors);
      this.matchCount += other.matchCount;
    }
    return this;
  }

  inc(): void {
    this.matchCount++;
  }

  isValid(): boolean {
    return this.errors.length === 0;
  }

  /** The same match count without the errors (ratcheting turns errors of unchanged values into warnings). */
  withoutErrors(): Result {
    const result = new Result();
    result.matchCount = this.matchCount;
    return result;
  }
}

/** A result holding one error (and no matches). */
export function errorResult(error: OpenApiError): Result {
  const result = new Result();
  result.errors.push(error);
  return result;
}

/** Go's "<nil>" for the nil field path the API server validates the whole object with. */
const NIL_PATH = '<nil>';

function pathOf(base: FieldPath | undefined, name: string | undefined): string {
  if (name && name !== '.') {
    const child = name.startsWith('.') ? name.slice(1) : name;
    return base ? base.child(child).toString() : child;
  }
  return base ? base.toString() : NIL_PATH;
}

function tooMany(path: string, actual: unknown, limit: number | undefined): FieldError {
  const detail = (limit ?? -1) >= 0 ? `must have at most ${limit} items` : 'has too many items';
  return new FieldError('FieldValueTooMany', path, actual, detail, typeof actual !== 'number');
}

/** The field errors the API server reports for a validation result; `base` prefixes every path ("status"). */
export function toFieldErrors(result: Result, base?: FieldPath): FieldError[] {
  return result.errors.map((error) => {
    if (error.code === 'composite')
      return invalidValue(FieldPath.root(base ? base.toString() : NIL_PATH), '', error.message);
    const path = FieldPath.root(pathOf(base, error.name));
    const value = error.value ?? '';
    switch (error.code) {
      case 'required':
        return required(path);
      case 'enum':
        return notSupported(
          path,
          error.value ?? null,
          (error.values ?? []).map((v) => (typeof v === 'string' ? v : goJson(v))),
        );
      case 'tooLong':
        return tooLong(path, error.limit ?? 0);
      case 'maxItems':
      case 'tooManyProperties':
        return tooMany(path.toString(), error.value, error.limit);
      case 'invalidType':
        return typeInvalid(path, value, error.message);
      default:
        return invalidValue(path, value, error.message);
    }
  });
}
