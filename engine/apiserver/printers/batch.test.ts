import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { batchPrinters } from './batch.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString().replace('.000Z', 'Z');

const printer = (kind: string) => {
  const found = batchPrinters[kind];
  if (!found) throw new Error(`no printer for ${kind}`);
  return found;
};

const podSpec = { containers: [{ name: 'pi', image: 'perl:5.34' }], restartPolicy: 'Never' };

function job(spec: object, status: object, metadata: object = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', creationTimestamp: minutesAgo(45), ...metadata },
    spec: {
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'abc' } },
      template: { spec: podSpec },
      ...spec,
    },
    status,
  };
}

const condition = (type: string, status = 'True') => ({ type, status });

describe('jobPrinter', () => {
  it('declares STATUS COMPLETIONS DURATION AGE, the template for -o wide', () => {
    expect(printer('Job').columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
  });

  it.each([
    [
      'a running job with completions',
      job({ completions: 2 }, { startTime: minutesAgo(20), succeeded: 1 }),
      ['Running', '1/2', '20m'],
    ],
    ['a job not started yet', job({ completions: 1 }, {}), ['Running', '0/1', '']],
    [
      'a completed job and how long it took',
      job(
        { completions: 1 },
        {
          startTime: minutesAgo(40),
          completionTime: minutesAgo(10),
          succeeded: 1,
          conditions: [condition('SuccessCriteriaMet'), condition('Complete')],
        },
      ),
      ['Complete', '1/1', '30m'],
    ],
    [
      'a failed job',
      job({}, { startTime: minutesAgo(5), failed: 6, conditions: [condition('FailureTarget'), condition('Failed')] }),
      ['Failed', '0/1', '5m'],
    ],
    [
      'a job being deleted',
      job({}, { startTime: minutesAgo(5) }, { deletionTimestamp: minutesAgo(1) }),
      ['Terminating', '0/1', '5m'],
    ],
    ['a suspended job', job({ suspend: true }, { conditions: [condition('Suspended')] }), ['Suspended', '0/1', '']],
    [
      'a job about to fail',
      job({}, { startTime: minutesAgo(5), conditions: [condition('FailureTarget')] }),
      ['FailureTarget', '0/1', '5m'],
    ],
    ['a condition that is not True', job({}, { conditions: [condition('Complete', 'False')] }), ['Running', '0/1', '']],
    ['a parallel job without completions', job({ parallelism: 3 }, { succeeded: 1 }), ['Running', '1/1 of 3', '']],
  ])('prints %s', (_name, obj, want) => {
    expect(printer('Job').row(obj, NOW).slice(1, 4)).toEqual(want);
  });

  it('prints the name, age and template of a job', () => {
    const row = printer('Job').row(job({ completions: 1 }, {}), NOW);
    expect([row[0], ...row.slice(4)]).toEqual([
      'pi',
      '45m',
      'pi',
      'perl:5.34',
      'batch.kubernetes.io/controller-uid=abc',
    ]);
  });
});

function cronJob(spec: object, status: object = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'backup', creationTimestamp: minutesAgo(300) },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: { spec: { template: { spec: podSpec } } },
      ...spec,
    },
    status,
  };
}

describe('cronJobPrinter', () => {
  it('declares SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, the template for -o wide', () => {
    expect(printer('CronJob').columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Schedule:string:0',
      'Timezone:string:0',
      'Suspend:boolean:0',
      'Active:integer:0',
      'Last Schedule:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
  });

  it.each([
    [
      'a cron job that has run',
      cronJob(
        { suspend: false, timeZone: 'Europe/Paris' },
        { active: [{ name: 'backup-1' }], lastScheduleTime: minutesAgo(3) },
      ),
      ['backup', '*/5 * * * *', 'Europe/Paris', 'False', 1, '3m', '5h', 'pi', 'perl:5.34', '<none>'],
    ],
    [
      'a suspended cron job that never ran',
      cronJob({ suspend: true }),
      ['backup', '*/5 * * * *', '<none>', 'True', 0, '<none>', '5h', 'pi', 'perl:5.34', '<none>'],
    ],
    [
      'a cron job without the suspend field',
      cronJob({}),
      ['backup', '*/5 * * * *', '<none>', '<unset>', 0, '<none>', '5h', 'pi', 'perl:5.34', '<none>'],
    ],
  ])('prints %s', (_name, obj, want) => {
    expect(printer('CronJob').row(obj, NOW)).toEqual(want);
  });
});
