import { describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import { TriggerTimeTracker } from './trigger-time-tracker.ts';
import type { EndpointPod, Service } from './types.ts';

const T0 = Date.parse('2024-05-01T00:00:00Z');
const service: Service = { metadata: { name: 'web', namespace: 'default', creationTimestamp: rfc3339(T0) } };
const pod = (name: string, readySince: number): EndpointPod => ({
  metadata: { name, namespace: 'default' },
  status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(readySince) }] },
});

describe('TriggerTimeTracker', () => {
  it('reports the Service creation first, then the earliest pod change since the last sync, then nothing', () => {
    const tracker = new TriggerTimeTracker();
    expect(tracker.compute('default', service, [pod('a', T0 + 1000)])).toBe(T0);
    expect(tracker.compute('default', service, [pod('a', T0 + 5000), pod('b', T0 + 3000)])).toBe(T0 + 3000);
    expect(tracker.compute('default', service, [pod('a', T0 + 5000), pod('b', T0 + 3000)])).toBeUndefined();
  });

  it('starts over for a Service deleted and created again', () => {
    const tracker = new TriggerTimeTracker();
    tracker.compute('default', service, []);
    tracker.deleteService('default', 'web');
    expect(tracker.compute('default', service, [])).toBe(T0);
  });
});
