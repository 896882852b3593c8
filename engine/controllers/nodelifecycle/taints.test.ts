import { describe, expect, it } from 'vitest';
import type { Taint } from './node-types.ts';
import { addOrUpdateTaint, removeTaint, taintSetDiff } from './taints.ts';

const taint = (key: string, effect = 'NoSchedule', value?: string): Taint => ({ key, effect, value });

describe('taint arithmetic', () => {
  it.each([
    ['appends a new taint', [taint('a')], taint('b'), [taint('a'), taint('b')]],
    [
      'replaces a taint with the same key and effect',
      [taint('a', 'NoSchedule', 'x')],
      taint('a', 'NoSchedule', 'y'),
      [taint('a', 'NoSchedule', 'y')],
    ],
    [
      'keeps a taint of the same key and another effect',
      [taint('a', 'NoExecute')],
      taint('a'),
      [taint('a', 'NoExecute'), taint('a')],
    ],
    ['changes nothing for a taint already there', [taint('a')], taint('a'), undefined],
  ])('addOrUpdateTaint %s', (_name, taints, added, expected) => {
    expect(addOrUpdateTaint(taints, added)).toEqual(expected);
  });

  it.each([
    ['removes the taint with the same key and effect', [taint('a'), taint('b')], taint('a'), [taint('b')]],
    ['changes nothing without a match', [taint('a', 'NoExecute')], taint('a'), undefined],
  ])('removeTaint %s', (_name, taints, removed, expected) => {
    expect(removeTaint(taints, removed)).toEqual(expected);
  });

  it('taintSetDiff tells what to add and what to remove', () => {
    expect(taintSetDiff([taint('a'), taint('b')], [taint('b'), taint('c')])).toEqual([[taint('a')], [taint('c')]]);
  });
});
