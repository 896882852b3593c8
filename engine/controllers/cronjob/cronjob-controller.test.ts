import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import type { CronJob, Job } from '../common/batch-types.ts';
import { WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { CRONJOBS, JOBS, cronJobController } from './cronjob-controller.ts';

const minutes = (iso: string): number => Math.floor(Date.parse(iso) / 60_000);

function cronJob(spec: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        metadata: { labels: { app: 'hello' } },
        spec: {
          template: {
            spec: {
              restartPolicy: 'OnFailure',
              containers: [{ name: 'hello', image: 'busybox', command: ['echo', 'hi'] }],
            },
          },
        },
      },
      ...spec,
    },
  };
}

describe('the CronJob controller', () => {
  let kit: WorkloadTestCluster;

  const jobNames = async (): Promise<string[]> =>
    (await kit.list(JOBS)).map((j) => j.metadata.name ?? '').sort((a, b) => (a < b ? -1 : 1));
  const cron = async (): Promise<CronJob> => (await kit.client.get(CRONJOBS, 'default', 'hello')) as CronJob;
  const jobNamed = (name: string) =>
    kit.eventually(() => kit.getOrUndefined(JOBS, 'default', name), `job ${name} exists`, {
      stepMs: 1000,
    }) as Promise<Job>;
  const complete = async (name: string): Promise<void> => {
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
          conditions: [
            { type: 'SuccessCriteriaMet', status: 'True', lastProbeTime: now, lastTransitionTime: now },
            { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now },
          ],
        },
      },
      { subresource: 'status' },
    );
  };
  const create = (obj: KubeObject) => kit.client.create(CRONJOBS, 'default', obj);

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    await kit.run([cronJobController(kit.context)]);
  });

  afterEach(async () => {
    await kit.close();
  });

  it('starts a job named after the activation when the lab clock passes the schedule', async () => {
    await create(cronJob());
    const name = `hello-${minutes('2024-05-01T00:05:00Z')}`;
    const job = await jobNamed(name);
    expect(job.metadata.labels).toMatchObject({ app: 'hello' });
    expect(job.metadata.annotations).toMatchObject({
      'batch.kubernetes.io/cronjob-scheduled-timestamp': '2024-05-01T00:05:00Z',
    });
    expect(job.metadata.ownerReferences).toMatchObject([{ kind: 'CronJob', name: 'hello', controller: true }]);
    const status = await kit.eventually(async () => {
      const s = (await cron()).status;
      return s?.active?.length ? s : undefined;
    }, 'the job is active');
    expect(status.active).toMatchObject([{ kind: 'Job', name, apiVersion: 'batch/v1' }]);
    expect(status.lastScheduleTime).toBe('2024-05-01T00:05:00Z');
    expect(kit.clock.now()).toBeGreaterThanOrEqual(Date.parse('2024-05-01T00:05:00Z'));
    await kit.eventually(
      async () => (await kit.eventsFor('hello')).some((e) => e.message === `Created job ${name}`),
      'the SuccessfulCreate event',
    );
  });

  it('forbids a second job while the first runs, and starts the skipped activation once it completed', async () => {
    await create(cronJob({ concurrencyPolicy: 'Forbid' }));
    const first = `hello-${minutes('2024-05-01T00:05:00Z')}`;
    await jobNamed(first);
    await kit.advance(5 * 60_000, 1000);
    expect(await jobNames()).toEqual([first]);
    expect((await kit.eventsFor('hello')).map((e) => e.reason)).toContain('JobAlreadyActive');

    await complete(first);
    // Without a starting deadline the activation Forbid held back (00:10) still runs, late.
    const second = `hello-${minutes('2024-05-01T00:10:00Z')}`;
    await jobNamed(second);
    const status = await kit.eventually(async () => {
      const s = (await cron()).status;
      return s?.lastSuccessfulTime && s.active?.length === 1 ? s : undefined;
    }, 'the second job is the active one');
    expect(status.active?.map((ref) => ref.name)).toEqual([second]);
    expect(status.lastScheduleTime).toBe('2024-05-01T00:10:00Z');
    expect((await kit.eventsFor('hello')).map((e) => e.message)).toContain(
      `Saw completed job: ${first}, condition: Complete`,
    );
  });

  it('replaces a running job with the next activation', async () => {
    await create(cronJob({ concurrencyPolicy: 'Replace' }));
    const first = `hello-${minutes('2024-05-01T00:05:00Z')}`;
    const second = `hello-${minutes('2024-05-01T00:10:00Z')}`;
    await jobNamed(first);
    await jobNamed(second);
    await kit.eventually(async () => !(await jobNames()).includes(first), `${first} is deleted`);
    const reasons = (await kit.eventsFor('hello')).map((e) => `${e.reason}: ${e.message}`);
    expect(reasons).toContain(`SuccessfulDelete: Deleted job ${first}`);
    expect((await cron()).status?.active?.map((ref) => ref.name)).toEqual([second]);
  });

  it('keeps only as many finished jobs as the history limits allow, deleting the oldest', async () => {
    await create(cronJob({ successfulJobsHistoryLimit: 1, schedule: '* * * * *' }));
    const names = ['00:01', '00:02', '00:03'].map((t) => `hello-${minutes(`2024-05-01T${t}:00Z`)}`);
    for (const name of names) {
      await jobNamed(name);
      await complete(name);
    }
    await kit.eventually(async () => {
      const left = (await kit.list(JOBS)).filter((j) => names.includes(j.metadata.name ?? ''));
      return left.length === 1 ? true : undefined;
    }, 'two finished jobs are deleted');
    expect(await kit.getOrUndefined(JOBS, 'default', names[2]!)).toBeDefined();
  });

  it('starts nothing while suspended, and nothing for an activation past its starting deadline', async () => {
    await create(cronJob({ suspend: true, startingDeadlineSeconds: 30 }));
    await kit.advance(7 * 60_000, 1000);
    expect(await jobNames()).toEqual([]);
    const current = await cron();
    await kit.client.update(CRONJOBS, { ...current, spec: { ...current.spec, suspend: false } });
    await kit.advance(60_000, 1000);
    expect(await jobNames()).toEqual([]);
    await jobNamed(`hello-${minutes('2024-05-01T00:10:00Z')}`);
  });
});
