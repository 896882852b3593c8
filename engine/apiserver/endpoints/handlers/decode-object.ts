// Decodes a request body into an object of the endpoint's kind: the apiVersion and kind must match the endpoint,
// values must have their schema's types, and unknown fields are refused (Strict), reported (Warn) or dropped (Ignore).

import type { KubeObject } from '../../../api/object.ts';
import { apiVersionOf, deepCopy, isPlainObject } from '../../../api/object.ts';
import type { SchemaLookup } from '../../../api/schema-table.ts';
import { goValue } from '../../../api/go-format.ts';
import { FieldPath, invalidValue } from '../../errors/field-error.ts';
import { badRequest, invalid } from '../../errors/status-error.ts';
import { TypeMismatchError, decodeTyped } from '../decode/typed-decode.ts';
import type { FieldValidation } from './handler-context.ts';

export interface ExpectedKind {
  group: string;
  version: string;
  kind: string;
  /** Schema definition name of the kind. */
  schema: string;
  /** Kinds without a Go type (custom resources) are pruned by their schema instead of decoded into one. */
  prune?(obj: KubeObject): string[];
}

export function decodeObject(
  value: unknown,
  expected: ExpectedKind,
  lookup: SchemaLookup,
  validation: FieldValidation,
  warnings: string[],
  /**
   * The object is the result of a patch, not a request body: upstream's patch handler reports unknown fields as a
   * bare "strict decoding error", where a body's decoding error names the kind it could not be handled as.
   */
  options: {
    patched?: boolean;
    /** A merge or strategic patch whose result this is: a value of the wrong type is then a 422 naming the patch. */
    patch?: unknown;
  } = {},
): KubeObject {
  if (!isPlainObject(value)) {
    throw badRequest(
      `${expected.kind} in version "${expected.version}" cannot be handled as a ${expected.kind}: the body is not a JSON object`,
    );
  }
  const apiVersion = apiVersionOf(expected.group, expected.version);
  if (typeof value['apiVersion'] === 'string' && value['apiVersion'] !== '' && value['apiVersion'] !== apiVersion) {
    throw badRequest(
      `the API version in the data (${value['apiVersion']}) does not match the expected API version (${apiVersion})`,
    );
  }
  if (typeof value['kind'] === 'string' && value['kind'] !== '' && value['kind'] !== expected.kind) {
    throw badRequest(`the kind in the data (${value['kind']}) does not match the expected kind (${expected.kind})`);
  }
  let decoded: { object: KubeObject; unknownFields: string[] };
  try {
    if (expected.prune) {
      const object = deepCopy(value) as KubeObject;
      if (!isPlainObject(object.metadata)) object.metadata = {};
      decoded = { object, unknownFields: expected.prune(object) };
    } else {
      decoded = decodeTyped(value, expected.schema, lookup);
    }
  } catch (error) {
    if (error instanceof TypeMismatchError && options.patch !== undefined && error.conversionMessage) {
      throw invalid('', '', '', [
        invalidValue(FieldPath.root('patch'), goValue(options.patch), error.conversionMessage),
      ]);
    }
    if (error instanceof TypeMismatchError) {
      throw badRequest(
        `${expected.kind} in version "${expected.version}" cannot be handled as a ${expected.kind}: ${error.message}`,
      );
    }
    throw error;
  }
  if (decoded.unknownFields.length) {
    const messages = decoded.unknownFields.map((f) => `unknown field ${JSON.stringify(f)}`);
    if (validation === 'Strict') {
      const error = `strict decoding error: ${messages.join(', ')}`;
      if (options.patched) throw badRequest(error);
      throw badRequest(
        `${expected.kind} in version "${expected.version}" cannot be handled as a ${expected.kind}: ${error}`,
      );
    }
    if (validation === 'Warn') warnings.push(...messages);
  }
  decoded.object.apiVersion = apiVersion;
  decoded.object.kind = expected.kind;
  return decoded.object;
}
