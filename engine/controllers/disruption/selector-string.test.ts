import { describe, expect, it } from 'vitest';
import { labelSelectorString } from './selector-string.ts';

describe('labelSelectorString', () => {
  it.each([
    ['a missing selector is nil', undefined, 'nil'],
    [
      'labels come sorted by key',
      { matchLabels: { tier: 'web', app: 'shop' } },
      '&LabelSelector{MatchLabels:map[string]string{app: shop,tier: web,},MatchExpressions:[]LabelSelectorRequirement{},}',
    ],
    [
      'expressions keep their order and list their values',
      {
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['prod', 'staging'] },
          { key: 'gpu', operator: 'Exists' },
        ],
      },
      '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{' +
        'LabelSelectorRequirement{Key:env,Operator:In,Values:[prod staging],},' +
        'LabelSelectorRequirement{Key:gpu,Operator:Exists,Values:[],},},}',
    ],
  ])('%s', (_name, selector, expected) => {
    expect(labelSelectorString(selector)).toBe(expected);
  });
});
