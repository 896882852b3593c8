import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/object.ts';
import { VirtualClock } from '../lab/clock.ts';
import { AGGREGATE_MESSAGE_PREFIX } from './event-correlator.ts';
import { EventRecorder } from './event-recorder.ts';
import type { InProcessClient } from './in-process-client.ts';

function pausedClock(): VirtualClock {
  const clock = new VirtualClock(0);
  clock.setPaused(true);
  return clock;
}

describe('EventRecorder', () => {
  it('writes the first events, then a combined one it counts up, and stops at the spam limit', async () => {
    const requests: { method: string; path: string; body: Record<string, unknown> }[] = [];
    const client = {
      request: (method: string, path: string, options: { body: Record<string, unknown> }) => {
        requests.push({ method, path, body: options.body });
        return Promise.resolve({});
      },
    } as unknown as InProcessClient;
    const recorder = new EventRecorder(client, pausedClock(), { component: 'replicaset-controller' });
    const rs: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web-1', namespace: 'default', uid: 'uid-web-1' },
    };
    for (let i = 0; i < 40; i++) recorder.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: p${i}`);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(requests).toHaveLength(25);
    expect(requests.slice(0, 10).every((r) => r.method === 'POST')).toBe(true);
    expect(requests[8]!.body).toMatchObject({
      message: 'Created pod: p8',
      reportingComponent: 'replicaset-controller',
    });
    expect(requests[9]!.body).toMatchObject({ message: `${AGGREGATE_MESSAGE_PREFIX}Created pod: p9`, count: 1 });
    expect(requests[9]!.body['reportingComponent']).toBeUndefined();
    const combined = String((requests[9]!.body['metadata'] as { name: string }).name);
    expect(requests[24]).toMatchObject({
      method: 'PATCH',
      path: `/api/v1/namespaces/default/events/${combined}`,
      body: { count: 16, message: `${AGGREGATE_MESSAGE_PREFIX}Created pod: p24` },
    });
  });
});
