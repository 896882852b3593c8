import { describe, expect, it } from 'vitest';
import type { Taint } from '../node-types.ts';
import type { Toleration } from './tolerations.ts';
import { matchingTolerations, minTolerationTimeMs, toleratesTaint } from './tolerations.ts';

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
const dedicated: Taint = { key: 'dedicated', value: 'db', effect: 'NoExecute' };

describe('toleratesTaint', () => {
  it.each<[string, Toleration, Taint, boolean]>([
    ['Exists on the key tolerates any value', { key: 'dedicated', operator: 'Exists' }, dedicated, true],
    ['Equal needs the same value', { key: 'dedicated', operator: 'Equal', value: 'web' }, dedicated, false],
    ['an empty operator means Equal', { key: 'dedicated', value: 'db' }, dedicated, true],
    ['an empty key with Exists tolerates everything', { operator: 'Exists' }, unreachable, true],
    [
      'another effect does not tolerate',
      { key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' },
      dedicated,
      false,
    ],
  ])('%s', (_name, toleration, taint, tolerated) => {
    expect(toleratesTaint(toleration, taint)).toBe(tolerated);
  });
});

describe('how long a pod may stay', () => {
  const defaultToleration: Toleration = {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  };

  it.each<[string, Taint[], Toleration[], number | undefined]>([
    ['300 s under the DefaultTolerationSeconds toleration', [unreachable], [defaultToleration], 300_000],
    ['not at all when a taint is not tolerated', [unreachable, dedicated], [defaultToleration], undefined],
    [
      'the shortest of the tolerations used',
      [unreachable, dedicated],
      [defaultToleration, { key: 'dedicated', operator: 'Exists', tolerationSeconds: 60 }],
      60_000,
    ],
    ['forever when no toleration used sets a time', [dedicated], [{ key: 'dedicated', operator: 'Exists' }], -1],
    [
      'no time at all for a non-positive tolerationSeconds',
      [dedicated],
      [{ key: 'dedicated', operator: 'Exists', tolerationSeconds: 0 }],
      0,
    ],
  ])('%s', (_name, taints, tolerations, expected) => {
    const used = matchingTolerations(taints, tolerations);
    expect(used === undefined ? undefined : minTolerationTimeMs(used)).toBe(expected);
  });
});
