import { describe, expect, it } from 'vitest';
import { findResults } from './jsonpath-eval.ts';
import { parseJsonPath } from './jsonpath-parse.ts';

const data = {
  metadata: { name: 'db', labels: { 'app.kubernetes.io/name': 'postgres' } },
  spec: {
    replicas: 3,
    ratio: 1.5,
    servers: [{ hosts: ['foo'] }, { hosts: ['bar', 'baz'] }],
    empty: null,
  },
  status: {
    conditions: [
      { type: 'Ready', status: 'True', count: 2 },
      { type: 'Synced', status: 'False', count: 5 },
    ],
  },
};

const evaluate = (path: string) => findResults(parseJsonPath(`{${path}}`), data)?.[0];

describe('findResults', () => {
  it.each([
    ['a field', '.spec.replicas', [3]],
    ['a missing field yields nothing', '.spec.missing', []],
    ['a field of a null value yields nothing', '.spec.empty.x', []],
    ['a null value itself', '.spec.empty', [null]],
    ['an index', '.spec.servers[1].hosts[0]', ['bar']],
    ['a negative index counts from the end', '.spec.servers[-1].hosts[-1]', ['baz']],
    ['a wildcard over a list', '.spec.servers[*].hosts[0]', ['foo', 'bar']],
    ['a slice', '.spec.servers[0:1].hosts', [['foo']]],
    ['a filter on a string', '.status.conditions[?(@.type=="Ready")].status', ['True']],
    ['a filter with single quotes', ".status.conditions[?(@.type=='Synced')].status", ['False']],
    ['a numeric filter', '.status.conditions[?(@.count>3)].type', ['Synced']],
    ['an existence filter', '.status.conditions[?(@.count)].type', ['Ready', 'Synced']],
    ['a union of indexes', '.spec.servers[0,1].hosts[0]', ['foo', 'bar']],
    ['an escaped dotted key', '.metadata.labels.app\\.kubernetes\\.io/name', ['postgres']],
    ['a recursive descent', '..hosts[0]', ['foo', 'bar']],
  ])('finds %s', (_name, path, want) => {
    expect(evaluate(path)).toEqual(want);
  });

  it.each([
    ['an index past the end', '.spec.servers[5]'],
    ['an index into a map', '.spec[0]'],
    ['a filter over a map', '.spec[?(@.x==1)]'],
    ['a comparison of a number with a string', '.status.conditions[?(@.count=="2")].type'],
    ['a comparison of an integer with a float', '.status.conditions[?(@.count==2.0)].type'],
    ['an unknown identifier', '.spec.replicas}{range'],
  ])('fails on %s', (_name, path) => {
    expect(findResults(parseJsonPath(`{${path}}`), data)).toBeUndefined();
  });
});
