import { describe, expect, it } from 'vitest';
import { Indexer } from '../../client/indexer.ts';
import { Lister } from '../../client/lister.ts';
import { servicesToUpdateOnPodChange } from './service-memberships.ts';
import type { EndpointPod } from './types.ts';

const indexer = new Indexer();
for (const [name, selector] of [
  ['web', { app: 'web' }],
  ['canary', { app: 'web', track: 'canary' }],
  ['db', { app: 'db' }],
  ['external', undefined],
] as const) {
  indexer.upsert({ metadata: { name, namespace: 'default' }, spec: { selector } });
}
const services = new Lister(indexer);

const pod = (
  resourceVersion: string,
  labels: Record<string, string>,
  ready = true,
  ip = '10.244.1.5',
): EndpointPod => ({
  metadata: { name: 'p', namespace: 'default', resourceVersion, labels },
  status: { podIPs: [{ ip }], conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

describe('servicesToUpdateOnPodChange', () => {
  it.each([
    ['none for a resync', pod('1', { app: 'web' }), pod('1', { app: 'web' }, false), []],
    ['none when nothing that matters changed', pod('1', { app: 'web' }), pod('2', { app: 'web' }), []],
    [
      'the selecting Services when readiness changed',
      pod('1', { app: 'web' }),
      pod('2', { app: 'web' }, false),
      ['default/web'],
    ],
    [
      'the selecting Services when the IP changed',
      pod('1', { app: 'web' }),
      pod('2', { app: 'web' }, true, '10.244.1.6'),
      ['default/web'],
    ],
    [
      'the Services gained or lost through a label change',
      pod('1', { app: 'web' }),
      pod('2', { app: 'web', track: 'canary' }),
      ['default/canary'],
    ],
    [
      'old and new Services when labels and readiness changed',
      pod('1', { app: 'web' }),
      pod('2', { app: 'db' }, false),
      ['default/db', 'default/web'],
    ],
  ])('%s', (_name, old, current, expected) => {
    expect([...servicesToUpdateOnPodChange(services, old, current)].sort()).toEqual(expected);
  });
});
