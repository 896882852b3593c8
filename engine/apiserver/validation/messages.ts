// The message texts upstream builds validation details from (k8s.io/apimachinery/pkg/util/validation and
// pkg/api/validation), so every detail reads exactly as a real API server's.

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
export const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';
export const IS_INVALID_QUOTA_RESOURCE = 'must be a standard resource for quota';
export const FILE_MODE_ERROR_MSG = 'must be a number between 0 and 0777 (octal), both inclusive';

/** "must be no more than 63 characters" */
export function maxLenError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** A regex failure with optional examples: "<msg> (e.g. 'a' or 'b', regex used for validation is '<re>')". */
export function regexError(msg: string, regex: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${regex}')`;
  const shown = examples.map((e) => `'${e}', `).join(' or ');
  return `${msg} (e.g. ${shown}regex used for validation is '${regex}')`;
}

export function emptyError(): string {
  return 'must be non-empty';
}

/** "must be between 1 and 65535, inclusive" */
export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}
