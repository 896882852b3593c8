// Evaluates parsed JSONPath nodes against a decoded JSON object the way client-go's jsonpath does with missing
// keys allowed: a missing field yields no value, while a bad index, a non-list filter or an impossible
// comparison is an error (and upstream then prints nothing in the cell).

import { isPlainObject } from '../../api/object.ts';
import { isGoInteger } from '../../api/go-format.ts';
import type { PathNode, SliceParam } from './jsonpath-parse.ts';

/** A float literal of the path ("1.5"), kept apart from JSON numbers because Go compares kinds strictly. */
export class GoFloat {
  constructor(readonly value: number) {}
}

interface Walk {
  values: unknown[];
  error?: string;
}

const ok = (values: unknown[]): Walk => ({ values });
const fail = (values: unknown[], error: string): Walk => ({ values, error });
const isNil = (value: unknown) => value === null || value === undefined;

type Kind = 'bool' | 'int' | 'float' | 'string';

function kindOf(value: unknown): Kind | undefined {
  if (value instanceof GoFloat) return 'float';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return isGoInteger(value) ? 'int' : 'float';
  return undefined;
}

const plain = (value: unknown) => (value instanceof GoFloat ? value.value : value) as number | string | boolean;

function equal(left: unknown, right: unknown): boolean | string {
  const k1 = kindOf(left);
  const k2 = kindOf(right);
  if (!k1 || !k2) return 'invalid type for comparison';
  if (k1 !== k2) return 'incompatible types for comparison';
  return plain(left) === plain(right);
}

function less(left: unknown, right: unknown): boolean | string {
  const k1 = kindOf(left);
  const k2 = kindOf(right);
  if (!k1 || !k2) return 'invalid type for comparison';
  if (k1 !== k2) return 'incompatible types for comparison';
  if (k1 === 'bool') return 'invalid type for comparison';
  return plain(left) < plain(right);
}

/** The comparisons of Go's text/template (eq, ne, lt, le, gt, ge); a string result is an error. */
function compare(operator: string, left: unknown, right: unknown): boolean | string {
  const not = (r: boolean | string) => (typeof r === 'string' ? r : !r);
  const either = (a: boolean | string, b: () => boolean | string) => (a === false ? b() : a);
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return not(equal(left, right));
    case '<':
      return less(left, right);
    case '<=':
      return either(less(left, right), () => equal(left, right));
    case '>':
      return not(either(less(left, right), () => equal(left, right)));
    case '>=':
      return not(less(left, right));
    default:
      return `unrecognized filter operator ${operator}`;
  }
}

/** The children of a list, map or string (a string's children are its UTF-8 bytes, as in Go). */
function children(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return Object.values(value).filter((v) => v !== undefined);
  if (typeof value === 'string') return [...new TextEncoder().encode(value)];
  return [];
}

function evalField(input: unknown[], name: string): Walk {
  const results: unknown[] = [];
  for (const value of input) {
    if (isPlainObject(value) && value[name] !== undefined) results.push(value[name]);
  }
  return ok(results);
}

function evalArray(input: unknown[], [first, last, stride]: [SliceParam, SliceParam, SliceParam]): Walk {
  const results: unknown[] = [];
  for (const value of input) {
    if (isNil(value)) continue;
    if (!Array.isArray(value)) return fail(input, `${typeof value} is not array or slice`);
    const length = value.length;
    let start = first.known ? first.value : 0;
    if (start < 0) start += length;
    let end = last.known ? last.value : length;
    if (end < 0 || (end === 0 && last.derived)) end += length;
    if (end === start) return ok(results);
    if (start >= length || start < 0) return fail(input, `array index out of bounds: index ${start}, length ${length}`);
    if (end > length || end < 0) return fail(input, `array index out of bounds: index ${end - 1}, length ${length}`);
    if (start > end) return fail(input, `starting index ${start} is greater than ending index ${end}`);
    const step = stride.known ? stride.value : 1;
    if (step <= 0) return fail(input, 'step must be > 0');
    for (let i = start; i < end; i += step) results.push(value[i]);
  }
  return ok(results);
}

function single(walk: Walk): { value?: unknown; skip?: boolean; error?: string } {
  if (walk.error !== undefined) return { error: walk.error };
  if (walk.values.length === 0) return { skip: true };
  if (walk.values.length > 1) return { error: 'can only compare one element at a time' };
  return { value: walk.values[0] };
}

function evalFilter(input: unknown[], node: Extract<PathNode, { type: 'filter' }>): Walk {
  const results: unknown[] = [];
  for (const value of input) {
    if (!Array.isArray(value)) return fail(input, `${String(value)} is not array or slice and cannot be filtered`);
    for (const element of value) {
      const lefts = evalList([element], node.left);
      if (node.operator === 'exists') {
        if (lefts.values.length > 0) results.push(element);
        continue;
      }
      const left = single(lefts);
      if (left.error !== undefined) return fail(input, left.error);
      if (left.skip) continue;
      const right = single(evalList([element], node.right));
      if (right.error !== undefined) return fail(input, right.error);
      if (right.skip) continue;
      const pass = compare(node.operator, left.value, right.value);
      if (typeof pass === 'string') return fail(results, pass);
      if (pass) results.push(element);
    }
  }
  return ok(results);
}

function evalRecursive(input: unknown[]): unknown[] {
  const results: unknown[] = [];
  for (const value of input) {
    if (isNil(value)) continue;
    const inner = children(value);
    if (inner.length === 0) continue;
    results.push(value, ...evalRecursive(inner));
  }
  return results;
}

function evalUnion(input: unknown[], lists: PathNode[][]): Walk {
  const results: unknown[] = [];
  for (const nodes of lists) {
    const walk = evalList(input, nodes);
    if (walk.error !== undefined) return fail(input, walk.error);
    results.push(...walk.values);
  }
  return ok(results);
}

function walk(input: unknown[], node: PathNode): Walk {
  switch (node.type) {
    case 'list':
      return evalList(input, node.nodes);
    case 'text':
      return ok([node.text]);
    case 'field':
      return evalField(input, node.name);
    case 'array':
      return evalArray(input, node.params);
    case 'filter':
      return evalFilter(input, node);
    case 'int':
    case 'bool':
      return ok(input.map(() => node.value));
    case 'float':
      return ok(input.map(() => new GoFloat(node.value)));
    case 'wildcard':
      return ok(input.filter((v) => !isNil(v)).flatMap(children));
    case 'recursive':
      return ok(evalRecursive(input));
    case 'union':
      return evalUnion(input, node.lists);
    case 'identifier':
      return fail(input, `unsupported identifier ${node.name}`);
  }
}

function evalList(input: unknown[], nodes: PathNode[]): Walk {
  let current: Walk = ok(input);
  for (const node of nodes) {
    current = walk(current.values, node);
    if (current.error !== undefined) return current;
  }
  return current;
}

/** The results of each top-level node of a template, or undefined when evaluating it fails. */
export function findResults(nodes: PathNode[], data: unknown): unknown[][] | undefined {
  const results: unknown[][] = [];
  for (const node of nodes) {
    const found = walk([data], node);
    if (found.error !== undefined) return undefined;
    results.push(found.values);
  }
  return results;
}
