// A JSON patch body decoded as kube-apiserver decodes it before applying it: a list of operation objects, at most
// 10000 of them. With fieldValidation Strict or Warn the operations are also read as []jsonPatchOp structs: op, path
// and from must be strings, and members other than op, path, from and value are unknown fields, reported as
// `json patch unknown field "[0].foo"` (an error under Strict, a warning under Warn).

import { goQuote } from '../../api/go-format.ts';
import type { JsonPatchOperation } from './json-patch.ts';
import { isJsonMap, jsonKind } from './json-value.ts';
import { PatchError } from './patch-error.ts';

export const MAX_JSON_PATCH_OPERATIONS = 10000;

export interface DecodedJsonPatch {
  operations: JsonPatchOperation[];
  /** Unknown members, in strict decoding; empty otherwise. */
  strictErrors: string[];
}

const STRING_MEMBERS = new Set(['op', 'path', 'from']);

/** Reads the body as a []jsonPatchOp: the first type error (a 400), and the unknown members. */
function decodeStrict(body: unknown[]): string[] {
  const strictErrors: string[] = [];
  let typeError: string | undefined;
  body.forEach((item, index) => {
    if (item === null) return;
    if (!isJsonMap(item)) {
      typeError ??= `json: cannot unmarshal ${jsonKind(item)} into Go value of type handlers.jsonPatchOp`;
      return;
    }
    for (const [member, value] of Object.entries(item)) {
      if (STRING_MEMBERS.has(member)) {
        if (value !== null && typeof value !== 'string') {
          typeError ??= `json: cannot unmarshal ${jsonKind(value)} into Go struct field jsonPatchOp.${member} of type string`;
        }
      } else if (member !== 'value') {
        strictErrors.push(`json patch unknown field ${goQuote(`[${index}].${member}`)}`);
      }
    }
  });
  if (typeError !== undefined) throw new PatchError('BadRequest', `error decoding patch: ${typeError}`);
  return strictErrors;
}

/** Decodes a JSON patch body; throws a PatchError ('BadRequest' or 'RequestEntityTooLarge') as the API server would. */
export function decodeJsonPatch(body: unknown, strict: boolean): DecodedJsonPatch {
  if (body === null) return { operations: [], strictErrors: [] };
  if (!Array.isArray(body)) {
    const type = strict ? '[]handlers.jsonPatchOp' : 'jsonpatch.Patch';
    throw new PatchError(
      'BadRequest',
      `${strict ? 'error decoding patch: ' : ''}json: cannot unmarshal ${jsonKind(body)} into Go value of type ${type}`,
    );
  }
  const strictErrors = strict ? decodeStrict(body) : [];
  const operations: JsonPatchOperation[] = [];
  for (const item of body) {
    if (item !== null && !isJsonMap(item)) {
      throw new PatchError(
        'BadRequest',
        `json: cannot unmarshal ${jsonKind(item)} into Go value of type jsonpatch.Operation`,
      );
    }
    operations.push(item ?? {});
  }
  if (operations.length > MAX_JSON_PATCH_OPERATIONS) {
    throw new PatchError(
      'RequestEntityTooLarge',
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${operations.length}`,
    );
  }
  return { operations, strictErrors };
}
