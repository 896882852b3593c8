import { describe, expect, it } from 'vitest';
import { FieldPath } from '../errors/field-error.ts';
import {
  isEmptySelector,
  labelSelectorAsSelector,
  selectorFromMap,
  selectorMatches,
  validateLabelSelector,
} from './label-selector.ts';

const path = FieldPath.root('spec').child('selector');

describe('label selector validation', () => {
  it.each([
    [
      'In without values needs values',
      { key: 'app', operator: 'In' },
      [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      ],
    ],
    [
      'Exists with values forbids them',
      { key: 'app', operator: 'Exists', values: ['a'] },
      [
        "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      ],
    ],
    [
      'an unknown operator is not valid',
      { key: 'app', operator: 'Equals', values: ['a'] },
      ['spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    ],
  ])('%s', (_name, expression, messages) => {
    expect(validateLabelSelector({ matchExpressions: [expression] }, {}, path).map(String)).toEqual(messages);
  });
});

describe('label selector matching', () => {
  it.each([
    ['matchLabels match equal labels', { matchLabels: { app: 'web' } }, { app: 'web', tier: 'fe' }, true],
    ['matchLabels do not match other values', { matchLabels: { app: 'web' } }, { app: 'db' }, false],
    [
      'NotIn matches a missing key',
      { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
      {},
      true,
    ],
    [
      'DoesNotExist refuses a present key',
      { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
      { env: 'x' },
      false,
    ],
    ['an absent selector matches nothing', undefined, { app: 'web' }, false],
  ])('%s', (_name, selector, labels, expected) => {
    const parsed = labelSelectorAsSelector(selector);
    expect(parsed && selectorMatches(parsed, labels)).toBe(expected);
  });

  it('cannot convert a selector with an invalid operator', () => {
    expect(labelSelectorAsSelector({ matchExpressions: [{ key: 'a', operator: 'Bad' }] })).toBeUndefined();
  });

  it('treats an empty map selector as selecting everything', () => {
    expect(isEmptySelector(selectorFromMap({}))).toBe(true);
  });
});
