import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import type { StrategyContext } from '../resource-definition.ts';
import { jobsResource } from './jobs.ts';

const ctx = (): StrategyContext => ({
  user: { username: 'admin', groups: [] },
  now: 0,
  namespace: 'default',
  warnings: [],
});
const strategy = jobsResource.strategy;

function createJob(spec: Record<string, unknown>): KubeObject {
  const job: KubeObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'c0ffee' },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] } }, ...spec },
  };
  strategy.defaults?.(job);
  strategy.prepareForCreate?.(job, ctx());
  return job;
}

describe('job strategy', () => {
  it('generates the selector and labels a real cluster shows', () => {
    const job = createJob({});
    const generated = {
      'batch.kubernetes.io/controller-uid': 'c0ffee',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'c0ffee',
      'job-name': 'pi',
    };
    expect(job.metadata.labels).toEqual(generated);
    expect(job.spec).toMatchObject({
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'c0ffee' } },
      template: { metadata: { labels: generated } },
    });
    expect(job.status).toEqual({});
    expect(strategy.validate?.(job, ctx())).toEqual([]);
  });

  it('leaves a manual selector alone', () => {
    const job = createJob({
      manualSelector: true,
      selector: { matchLabels: { app: 'pi' } },
      template: {
        metadata: { labels: { app: 'pi' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] },
      },
    });
    expect(job.spec).toMatchObject({ selector: { matchLabels: { app: 'pi' } } });
    expect(strategy.validate?.(job, ctx())).toEqual([]);
  });

  it('lists jobs by successful count', () => {
    const job = createJob({});
    job.status = { succeeded: 1 };
    expect(jobsResource.fieldSelectors?.['status.successful']?.(job)).toBe('1');
  });
});
