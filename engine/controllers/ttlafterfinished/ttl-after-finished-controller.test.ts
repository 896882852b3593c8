import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rfc3339 } from '../../api/json.ts';
import type { Job } from '../common/batch-types.ts';
import { WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { jobExpiry, ttlAfterFinishedController } from './ttl-after-finished-controller.ts';

const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };

function job(name: string, ttl?: number): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      ttlSecondsAfterFinished: ttl,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } },
    },
  };
}

describe('when a finished Job expires', () => {
  it.each<[string, Job['status'], number | undefined]>([
    [
      'a complete Job expires its TTL after the Complete condition turned true',
      { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: '2024-05-01T00:00:10Z' }] },
      Date.parse('2024-05-01T00:00:40Z'),
    ],
    [
      'a failed Job expires its TTL after the Failed condition turned true',
      { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2024-05-01T00:01:00Z' }] },
      Date.parse('2024-05-01T00:01:30Z'),
    ],
    ['a Job without a finish time has no expiry', { conditions: [] }, undefined],
  ])('%s', (_case, status, expiry) => {
    expect(jobExpiry({ ...job('j', 30), status })).toBe(expiry);
  });
});

describe('the TTL-after-finished controller', () => {
  let kit: WorkloadTestCluster;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    await kit.run([ttlAfterFinishedController(kit.context)]);
  });

  afterEach(async () => {
    await kit.close();
  });

  const finish = async (name: string): Promise<void> => {
    const now = rfc3339(kit.clock.now());
    await kit.client.patch(
      JOBS,
      'default',
      name,
      'merge',
      {
        status: {
          startTime: now,
          completionTime: now,
          succeeded: 1,
          conditions: [{ type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now }],
        },
      },
      { subresource: 'status' },
    );
  };

  it('deletes a finished Job once its TTL has passed on the lab clock, and keeps others', async () => {
    await kit.client.create(JOBS, 'default', job('short', 30));
    await kit.client.create(JOBS, 'default', job('forever'));
    await finish('short');
    await finish('forever');
    await kit.advance(29_000, 1000);
    expect(await kit.getOrUndefined(JOBS, 'default', 'short')).toBeDefined();
    await kit.eventually(
      async () => (await kit.getOrUndefined(JOBS, 'default', 'short')) === undefined,
      'the expired Job is deleted',
    );
    expect(kit.clock.now()).toBeGreaterThanOrEqual(Date.parse('2024-05-01T00:00:30Z'));
    expect(await kit.getOrUndefined(JOBS, 'default', 'forever')).toBeDefined();
  });
});
