import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { setCronJobDefaults, setJobDefaults } from './batch.ts';

const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } };

describe('batch defaults', () => {
  it('match what `kubectl create job pi --image=perl:5.34` stores before selector generation', () => {
    const job: KubeObject = {
      metadata: { name: 'pi', namespace: 'default' },
      spec: { template: structuredClone(template) },
    };
    setJobDefaults(job);
    expect(job.spec).toMatchObject({
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      suspend: false,
      template: {
        metadata: { creationTimestamp: null },
        spec: { dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 },
      },
    });
  });

  it.each([
    ['parallelism alone leaves completions unset', { parallelism: 3 }, { parallelism: 3 }, ['completions']],
    [
      'a pod failure policy replaces only failed pods',
      { podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] } },
      { podReplacementPolicy: 'Failed' },
      [],
    ],
    [
      'a per-index back-off limit lifts the job back-off limit',
      { completionMode: 'Indexed', completions: 2, backoffLimitPerIndex: 1 },
      { backoffLimit: 2147483647 },
      [],
    ],
  ])('%s', (_name, spec, expected, absent) => {
    const job: KubeObject = { metadata: { name: 'j' }, spec: { ...spec, template: structuredClone(template) } };
    setJobDefaults(job);
    expect(job.spec).toMatchObject(expected);
    for (const field of absent) expect((job.spec as Record<string, unknown>)[field]).toBeUndefined();
  });

  it('default pod condition patterns to status True', () => {
    const job: KubeObject = {
      metadata: { name: 'j' },
      spec: {
        podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }] },
        template,
      },
    };
    setJobDefaults(job);
    expect(job.spec).toMatchObject({
      podFailurePolicy: { rules: [{ onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    });
  });

  it('match what `kubectl create cronjob` stores', () => {
    const cronJob: KubeObject = {
      metadata: { name: 'backup', namespace: 'default' },
      spec: {
        schedule: '*/1 * * * *',
        jobTemplate: { metadata: { name: 'backup' }, spec: { template: structuredClone(template) } },
      },
    };
    setCronJobDefaults(cronJob);
    expect(cronJob.spec).toMatchObject({
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      successfulJobsHistoryLimit: 3,
      suspend: false,
      jobTemplate: {
        metadata: { creationTimestamp: null, name: 'backup' },
        spec: { template: { metadata: { creationTimestamp: null } } },
      },
    });
    expect(
      (cronJob.spec as { jobTemplate: { spec: Record<string, unknown> } }).jobTemplate.spec.backoffLimit,
    ).toBeUndefined();
  });
});
