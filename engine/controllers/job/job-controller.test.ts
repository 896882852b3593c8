import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import type { Job, JobSpec } from '../common/batch-types.ts';
import { PODS, WorkloadTestCluster } from '../common/workload-test-cluster.ts';
import { JOBS, jobController } from './job-controller.ts';

function job(name: string, spec: Partial<JobSpec> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: {
      template: {
        spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['echo', 'hi'] }] },
      },
      ...spec,
    },
  };
}

describe('the Job controller', () => {
  let kit: WorkloadTestCluster;

  beforeEach(async () => {
    kit = await WorkloadTestCluster.start();
    await kit.run([jobController(kit.context)]);
  });

  afterEach(async () => {
    await kit.close();
  });

  const getJob = async (name: string): Promise<Job> => (await kit.client.get(JOBS, 'default', name)) as Job;
  const podsOf = async (name: string): Promise<KubeObject[]> => {
    const uid = (await getJob(name)).metadata.uid;
    return (await kit.list(PODS))
      .filter((p) => p.metadata.ownerReferences?.some((ref) => ref.uid === uid))
      .sort((a, b) => ((a.metadata.creationTimestamp ?? '') < (b.metadata.creationTimestamp ?? '') ? -1 : 1));
  };
  const activePodsOf = async (name: string): Promise<KubeObject[]> =>
    (await podsOf(name)).filter((p) => {
      const phase = (p['status'] as { phase?: string } | undefined)?.phase;
      return !p.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
    });
  const waitForActive = (name: string, count: number) =>
    kit.eventually(async () => {
      const active = await activePodsOf(name);
      return active.length === count ? active : undefined;
    }, `${name} has ${count} active pods`);
  const waitForCondition = (name: string, type: string) =>
    kit.eventually(async () => {
      const current = await getJob(name);
      return current.status?.conditions?.some((c) => c.type === type && c.status === 'True') ? current : undefined;
    }, `${name} has the ${type} condition`);

  it('runs completions pods, parallelism at a time, and ends Complete', async () => {
    await kit.client.create(JOBS, 'default', job('hello', { completions: 3, parallelism: 2 }));
    const [first, second] = await waitForActive('hello', 2);
    expect(first!.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(first!.metadata.generateName).toBe('hello-');
    expect(first!.metadata.ownerReferences).toMatchObject([{ kind: 'Job', name: 'hello', controller: true }]);
    expect(first!.metadata.labels).toMatchObject({ 'batch.kubernetes.io/job-name': 'hello' });

    await kit.setPodRunning(first!, true);
    await kit.eventually(async () => (await getJob('hello')).status?.ready === 1, 'one pod is ready');
    await kit.setPodFinished(first!, 0);
    const [, third] = await waitForActive('hello', 2);
    await kit.setPodFinished(second!, 0);
    await kit.setPodFinished(third!, 0);

    const done = await waitForCondition('hello', 'Complete');
    expect(done.status).toMatchObject({ succeeded: 3, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    // Go leaves a zero active count out.
    expect(done.status?.active).toBeUndefined();
    expect(done.status?.completionTime).toBeDefined();
    expect(done.status?.startTime).toBe('2024-05-01T00:00:00Z');
    expect(done.status?.conditions?.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    for (const pod of await podsOf('hello')) expect(pod.metadata.finalizers ?? []).toEqual([]);
    const events = (await kit.eventsFor('hello')).map((e) => `${e.reason}: ${e.message}`);
    expect(events).toContain('Completed: Job completed');
    // Events recorded in the same lab millisecond may collide by name (see the report); one is enough here.
    expect(events.some((e) => e.startsWith('SuccessfulCreate: Created pod: hello-'))).toBe(true);
  });

  it('replaces failed pods after a back-off of 10 s, then 20 s, and fails with BackoffLimitExceeded', async () => {
    await kit.client.create(JOBS, 'default', job('flaky', { backoffLimit: 2 }));
    const creations: number[] = [];
    const failures: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const [pod] = await waitForActive('flaky', 1);
      creations.push(Date.parse(pod!.metadata.creationTimestamp ?? ''));
      await kit.setPodFinished(pod!, 1);
      // The kubelet reports finish times to the second; the back-off counts from there.
      failures.push(Math.floor(kit.clock.now() / 1000) * 1000);
    }
    const failed = await waitForCondition('flaky', 'Failed');
    expect(creations[1]! - failures[0]!).toBeGreaterThanOrEqual(10_000);
    expect(creations[1]! - failures[0]!).toBeLessThan(12_000);
    expect(creations[2]! - failures[1]!).toBeGreaterThanOrEqual(20_000);
    expect(creations[2]! - failures[1]!).toBeLessThan(22_000);
    expect(failed.status).toMatchObject({ failed: 3 });
    expect(failed.status?.active).toBeUndefined();
    expect(failed.status?.conditions?.map((c) => [c.type, c.reason])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded'],
      ['Failed', 'BackoffLimitExceeded'],
    ]);
    expect((await kit.eventsFor('flaky')).map((e) => `${e.reason}: ${e.message}`)).toContain(
      'BackoffLimitExceeded: Job has reached the specified backoff limit',
    );
  });

  it('gives each pod of an Indexed Job its index, hostname and variable, and tracks completed indexes', async () => {
    await kit.client.create(JOBS, 'default', job('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = await waitForActive('idx', 3);
    const byIndex = new Map(pods.map((p) => [p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], p]));
    expect([...byIndex.keys()].sort()).toEqual(['0', '1', '2']);
    const zero = byIndex.get('0')!;
    expect(zero.metadata.generateName).toBe('idx-0-');
    expect(zero.metadata.labels?.['batch.kubernetes.io/job-completion-index']).toBe('0');
    const spec = zero['spec'] as { hostname?: string; containers: { env?: unknown[] }[] };
    expect(spec.hostname).toBe('idx-0');
    expect(spec.containers[0]!.env).toContainEqual({
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: {
        fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
      },
    });
    await kit.setPodFinished(byIndex.get('0')!, 0);
    await kit.setPodFinished(byIndex.get('2')!, 0);
    await kit.eventually(async () => (await getJob('idx')).status?.completedIndexes === '0,2', 'indexes 0 and 2 done');
    await kit.setPodFinished(byIndex.get('1')!, 0);
    const done = await waitForCondition('idx', 'Complete');
    expect(done.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
  });

  it('fails a Job active longer than activeDeadlineSeconds, deleting its pods', async () => {
    await kit.client.create(
      JOBS,
      'default',
      job('slow', { activeDeadlineSeconds: 30, parallelism: 2, completions: 2 }),
    );
    await waitForActive('slow', 2);
    await kit.advance(20_000, 1000);
    expect((await getJob('slow')).status?.conditions ?? []).toEqual([]);
    const failed = await waitForCondition('slow', 'Failed');
    expect(kit.clock.now()).toBeGreaterThanOrEqual(Date.parse('2024-05-01T00:00:30Z'));
    expect(failed.status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({
      reason: 'DeadlineExceeded',
      message: 'Job was active longer than specified deadline',
    });
    expect(failed.status).toMatchObject({ failed: 2 });
    expect(failed.status?.active).toBeUndefined();
    expect(await podsOf('slow')).toEqual([]);
  });

  it('fails at once when a pod failure policy rule says FailJob for the exit code', async () => {
    await kit.client.create(
      JOBS,
      'default',
      job('policy', {
        podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] },
      }),
    );
    const [pod] = await waitForActive('policy', 1);
    await kit.setPodFinished(pod!, 42);
    const failed = await waitForCondition('policy', 'Failed');
    expect(failed.status?.conditions?.find((c) => c.type === 'Failed')).toMatchObject({
      reason: 'PodFailurePolicy',
      message: `Container main for pod default/${pod!.metadata.name} failed with exit code 42 matching FailJob rule at index 0`,
    });
  });

  it('creates no pods while suspended, and starts them when resumed', async () => {
    await kit.client.create(JOBS, 'default', job('later', { suspend: true }));
    const suspended = await waitForCondition('later', 'Suspended');
    expect(suspended.status?.conditions?.[0]).toMatchObject({ reason: 'JobSuspended', message: 'Job suspended' });
    expect(suspended.status?.startTime).toBeUndefined();
    expect(await podsOf('later')).toEqual([]);
    await kit.client.patch(JOBS, 'default', 'later', 'merge', { spec: { suspend: false } });
    await waitForActive('later', 1);
    const resumed = await getJob('later');
    expect(resumed.status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed' });
  });

  it('takes the tracking finalizer off the pods of a deleted Job, so they can go', async () => {
    await kit.client.create(JOBS, 'default', job('gone'));
    const [pod] = await waitForActive('gone', 1);
    const name = pod!.metadata.name ?? '';
    await kit.client.delete(JOBS, 'default', 'gone', { propagationPolicy: 'Background' });
    await kit.eventually(
      async () => ((await kit.getOrUndefined(PODS, 'default', name)) ? undefined : true),
      'the pod is gone',
    );
  });
});
