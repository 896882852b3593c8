import { describe, expect, it } from 'vitest';
import { formatLabels, formatLabelSelector, labelSelectorGoString, selectorString } from './label-selector.ts';

describe('formatLabels', () => {
  it.each([
    ['no labels print as <none>', undefined, '<none>'],
    ['an empty map prints as <none>', {}, '<none>'],
    ['labels are sorted by key', { tier: 'front', app: 'web' }, 'app=web,tier=front'],
  ])('%s', (_name, labels, want) => {
    expect(formatLabels(labels)).toBe(want);
  });
});

describe('selectorString', () => {
  it.each([
    ['a missing selector selects nothing and prints empty', undefined, ''],
    ['an empty selector prints empty', {}, ''],
    [
      'labels and expressions are sorted by key, with values sorted',
      {
        matchLabels: { tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['staging', 'prod'] },
          { key: 'canary', operator: 'DoesNotExist' },
          { key: 'zone', operator: 'NotIn', values: ['b'] },
          { key: 'gpu', operator: 'Exists' },
        ],
      },
      '!canary,env in (prod,staging),gpu,tier=front,zone notin (b)',
    ],
    ['an unknown operator is invalid', { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, undefined],
    ['In without values is invalid', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, undefined],
  ])('%s', (_name, selector, want) => {
    expect(selectorString(selector)).toBe(want);
  });
});

describe('formatLabelSelector', () => {
  it.each([
    ['a selector of nothing prints <none>', undefined, '<none>'],
    ['a match-labels selector prints its pairs', { matchLabels: { app: 'web' } }, 'app=web'],
    ['an invalid selector prints <error>', { matchExpressions: [{ key: 'a', operator: 'Maybe' }] }, '<error>'],
  ])('%s', (_name, selector, want) => {
    expect(formatLabelSelector(selector)).toBe(want);
  });
});

describe('labelSelectorGoString', () => {
  it('prints a selector the way its generated Go String method does', () => {
    const selector = {
      matchLabels: { tier: 'front', app: 'web' },
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }],
    };
    expect(labelSelectorGoString(selector)).toBe(
      '&LabelSelector{MatchLabels:map[string]string{app: web,tier: front,},' +
        'MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:env,Operator:In,Values:[prod dev],},},}',
    );
  });
});
