import { describe, expect, it } from 'vitest';
import { bool, count, field, has, int, list, maybeBool, maybeInt, maybeStr, record, str, stringMap } from './read.ts';

const obj = {
  spec: { replicas: 3, paused: true, name: 'web', ports: [{ port: 80 }], labels: { app: 'web', n: 1 }, none: null },
};

describe('readers', () => {
  it.each([
    ['a nested field', field(obj, 'spec', 'ports', 0, 'port'), 80],
    ['a missing field', field(obj, 'spec', 'missing', 'deeper'), undefined],
    ['a list index past the end', field(obj, 'spec', 'ports', 3), undefined],
    ['a set field', has(obj, 'spec', 'replicas'), true],
    ['a null field as unset', has(obj, 'spec', 'none'), false],
    ['a string', str(obj, 'spec', 'name'), 'web'],
    ['a number as no string', str(obj, 'spec', 'replicas'), ''],
    ['a missing string as undefined', maybeStr(obj, 'spec', 'missing'), undefined],
    ['an integer', int(obj, 'spec', 'replicas'), 3],
    ['a missing integer as zero', int(obj, 'spec', 'missing'), 0],
    ['a missing integer as undefined', maybeInt(obj, 'spec', 'missing'), undefined],
    ['a boolean', bool(obj, 'spec', 'paused'), true],
    ['a missing boolean as false', bool(obj, 'spec', 'missing'), false],
    ['a missing boolean as undefined', maybeBool(obj, 'spec', 'missing'), undefined],
    ['a list', list(obj, 'spec', 'ports'), [{ port: 80 }]],
    ['a map as no list', list(obj, 'spec', 'labels'), []],
    ['a list as no map', record(obj, 'spec', 'ports'), {}],
    ['the strings of a map', stringMap(obj, 'spec', 'labels'), { app: 'web' }],
    ['the size of a map', count(obj, 'spec', 'labels'), 2],
    ['the size of a list', count(obj, 'spec', 'ports'), 1],
    ['the size of nothing', count(obj, 'spec', 'missing'), 0],
  ])('reads %s', (_name, got, want) => {
    expect(got).toEqual(want);
  });
});
