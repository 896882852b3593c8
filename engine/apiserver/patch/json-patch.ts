// RFC 6902 JSON patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4), quirks included: "replace" of a
// missing object key adds it, negative array indices count from the end, the first segment of a pointer is never
// read, null and a missing key are alike, and "copy" may grow the document by at most 3 MiB in all. Any failure is a
// PatchError 'Invalid' (the API server's 422) carrying the library's error text.

import { Buffer } from 'node:buffer';
import { deepEqual } from '../../api/json.ts';
import { deepCopy } from '../../api/object.ts';
import { goJson } from '../../api/go-format.ts';
import { goQuote } from '../../api/go-format.ts';
import type { JsonMap } from './json-value.ts';
import { getOwn, hasOwn, isJsonMap, jsonKind, setOwn } from './json-value.ts';
import { PatchError } from './patch-error.ts';

/** One operation as decoded: its members as sent (op, path, from, value, and whatever else). */
export type JsonPatchOperation = Readonly<JsonMap>;

/** kube-apiserver's default --json-patch-max-copy-bytes. */
export const JSON_PATCH_MAX_COPY_BYTES = 3 * 1024 * 1024;

type Container = JsonMap | unknown[];

interface Target {
  container: Container;
  key: string;
}

interface State {
  root: Container;
  copiedBytes: number;
}

const MISSING = 'missing value';

function fail(message: string): PatchError {
  return new PatchError('Invalid', message);
}

/** Runs `action`, prefixing the text of the error it throws, as Go's fmt.Errorf("…: %w", err) does. */
function wrapped<T>(prefix: string, action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof PatchError) throw fail(`${prefix}: ${error.message}`);
    throw error;
  }
}

function isContainer(value: unknown): value is Container {
  return isJsonMap(value) || Array.isArray(value);
}

/** RFC 6901: "~1" is "/", then "~0" is "~". */
function decodeToken(token: string): string {
  return token.replace(/~[01]/g, (escape) => (escape === '~1' ? '/' : '~'));
}

/** strconv.Atoi. */
function atoi(key: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(key)) throw fail(`strconv.Atoi: parsing ${goQuote(key)}: invalid syntax`);
  const n = BigInt(key);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw fail(`strconv.Atoi: parsing ${goQuote(key)}: value out of range`);
  return n;
}

function invalidIndex(index: bigint): PatchError {
  return fail(`Unable to access invalid index: ${index}: invalid index referenced`);
}

/** The value at `key`: undefined for a missing object key, an error for a bad array index. */
function get(container: Container, key: string): unknown {
  if (!Array.isArray(container)) return getOwn(container, key);
  let index = atoi(key);
  const length = BigInt(container.length);
  if (index < 0n) {
    if (index < -length) throw invalidIndex(index);
    index += length;
  }
  if (index >= length) throw invalidIndex(index);
  return container[Number(index)];
}

/** Replaces the value at `key`, which get() has found. */
function set(container: Container, key: string, value: unknown): void {
  if (!Array.isArray(container)) return setOwn(container, key, value);
  const index = Number(atoi(key));
  container[index < 0 ? index + container.length : index] = value;
}

function add(container: Container, key: string, value: unknown): void {
  if (!Array.isArray(container)) return setOwn(container, key, value);
  if (key === '-') {
    container.push(value);
    return;
  }
  let index = wrapped(`value was not a proper array index: '${key}'`, () => atoi(key));
  const length = BigInt(container.length + 1);
  if (index >= length) throw invalidIndex(index);
  if (index < 0n) {
    if (index < -length) throw invalidIndex(index);
    index += length;
  }
  container.splice(Number(index), 0, value);
}

function remove(container: Container, key: string): void {
  if (!Array.isArray(container)) {
    if (!hasOwn(container, key)) throw fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete container[key];
    return;
  }
  let index = atoi(key);
  const length = BigInt(container.length);
  if (index >= length) throw invalidIndex(index);
  if (index < 0n) {
    if (index < -length) throw invalidIndex(index);
    index += length;
  }
  container.splice(Number(index), 1);
}

/** The container a pointer's last token is a key of; undefined when the way there is missing or not a container. */
function findObject(root: Container, path: string): Target | undefined {
  const tokens = path.split('/');
  if (tokens.length < 2) return undefined;
  let container = root;
  for (const token of tokens.slice(1, -1)) {
    let next: unknown;
    try {
      next = get(container, decodeToken(token));
    } catch {
      return undefined;
    }
    if (!isContainer(next)) return undefined;
    container = next;
  }
  return { container, key: decodeToken(tokens[tokens.length - 1] ?? '') };
}

/** The op member "path" or "from", or the error Go's Operation.Path() / From() returns. */
function pointer(op: JsonPatchOperation, member: 'path' | 'from'): string {
  const value = getOwn(op, member);
  if (value === undefined || value === null) {
    throw fail(
      member === 'path' ? `operation missing path field: ${MISSING}` : `operation, missing from field: ${MISSING}`,
    );
  }
  if (typeof value !== 'string') throw fail(`json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
  return value;
}

/** pointer(), with the error text some operations report whatever went wrong. */
function pointerOr(op: JsonPatchOperation, member: 'path' | 'from', message: string): string {
  try {
    return pointer(op, member);
  } catch {
    throw fail(message);
  }
}

/** The op's "value" member (undefined when absent), copied so the result never shares it with the patch. */
function valueOf(op: JsonPatchOperation): unknown {
  return deepCopy(getOwn(op, 'value'));
}

/** Bytes of a value as encoding/json writes it: what a "copy" adds to the document. */
function copiedSize(value: unknown): number {
  return value === undefined || value === null ? 0 : Buffer.byteLength(goJson(value));
}

function applyAdd(state: State, op: JsonPatchOperation): void {
  const path = pointerOr(op, 'path', `add operation failed to decode path: ${MISSING}`);
  const target = findObject(state.root, path);
  if (!target) throw fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrapped(`error in add for path: '${path}'`, () => add(target.container, target.key, valueOf(op) ?? null));
}

function applyRemove(state: State, op: JsonPatchOperation): void {
  const path = pointerOr(op, 'path', `remove operation failed to decode path: ${MISSING}`);
  const target = findObject(state.root, path);
  if (!target) throw fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
  wrapped(`error in remove for path: '${path}'`, () => remove(target.container, target.key));
}

function applyReplace(state: State, op: JsonPatchOperation): void {
  const path = wrapped('replace operation failed to decode path', () => pointer(op, 'path'));
  const value = valueOf(op);
  if (path === '') {
    if (!isContainer(value)) throw fail('replace operation value must be object or array: %!w(<nil>)');
    state.root = value;
    return;
  }
  const target = findObject(state.root, path);
  if (!target) throw fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
  try {
    get(target.container, target.key);
  } catch {
    throw fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`);
  }
  set(target.container, target.key, value ?? null);
}

function applyMove(state: State, op: JsonPatchOperation): void {
  const from = wrapped('move operation failed to decode from', () => pointer(op, 'from'));
  const source = findObject(state.root, from);
  if (!source) throw fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = wrapped(`error in move for path: '${source.key}'`, () => get(source.container, source.key));
  wrapped(`error in move for path: '${source.key}'`, () => remove(source.container, source.key));
  const path = wrapped('move operation failed to decode path', () => pointer(op, 'path'));
  const target = findObject(state.root, path);
  if (!target) throw fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  wrapped(`error in move for path: '${path}'`, () => add(target.container, target.key, value ?? null));
}

function applyTest(state: State, op: JsonPatchOperation): void {
  const path = wrapped('test operation failed to decode path', () => pointer(op, 'path'));
  const expected = getOwn(op, 'value');
  const failed = fail(`testing value ${path} failed: test failed`);
  if (path === '') {
    if (expected !== undefined && deepEqual(state.root, expected)) return;
    throw failed;
  }
  const target = findObject(state.root, path);
  if (!target) throw fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
  const actual = wrapped(`error in test for path: '${path}'`, () => get(target.container, target.key));
  if (actual === undefined || actual === null) {
    if (expected === undefined || expected === null) return;
    throw failed;
  }
  if (expected === undefined || !deepEqual(actual, expected)) throw failed;
}

function applyCopy(state: State, op: JsonPatchOperation): void {
  const from = wrapped('copy operation failed to decode from', () => pointer(op, 'from'));
  const source = findObject(state.root, from);
  if (!source) throw fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
  const value = wrapped(`error in copy for from: '${from}'`, () => get(source.container, source.key));
  const path = pointerOr(op, 'path', `copy operation failed to decode path: ${MISSING}`);
  const target = findObject(state.root, path);
  if (!target) throw fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
  state.copiedBytes += copiedSize(value);
  if (state.copiedBytes > JSON_PATCH_MAX_COPY_BYTES) {
    throw fail(
      `Unable to complete the copy, the accumulated size increase of copy is ${state.copiedBytes}, exceeding the limit ${JSON_PATCH_MAX_COPY_BYTES}`,
    );
  }
  wrapped('error while adding value during copy', () => add(target.container, target.key, deepCopy(value) ?? null));
}

const OPERATIONS: Record<string, (state: State, op: JsonPatchOperation) => void> = {
  add: applyAdd,
  remove: applyRemove,
  replace: applyReplace,
  move: applyMove,
  test: applyTest,
  copy: applyCopy,
};

/** Applies the operations in order to a copy of `document`; the first that fails throws a PatchError 'Invalid'. */
export function applyJsonPatch(document: unknown, operations: readonly JsonPatchOperation[]): unknown {
  if (!isContainer(document)) {
    throw fail(`json: cannot unmarshal ${jsonKind(document)} into Go value of type jsonpatch.partialDoc`);
  }
  const state: State = { root: deepCopy(document), copiedBytes: 0 };
  for (const op of operations) {
    const kind = getOwn(op, 'op');
    const name = typeof kind === 'string' ? kind : 'unknown';
    const apply = Object.prototype.hasOwnProperty.call(OPERATIONS, name) ? OPERATIONS[name] : undefined;
    if (!apply) throw fail(`Unexpected kind: ${name}`);
    apply(state, op);
  }
  return state.root;
}
