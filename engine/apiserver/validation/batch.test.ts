import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { setCronJobDefaults, setJobDefaults } from '../defaults/batch.ts';
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from './batch.ts';

const podTemplate = { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } };

/** A job as the registry hands it to validation: defaulted, with generated selector and labels. */
function job(spec: Record<string, unknown>, name = 'pi'): KubeObject {
  const uid = 'uid-1';
  const generated = {
    'controller-uid': uid,
    'job-name': name,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': name,
  };
  const template = structuredClone((spec.template as Record<string, unknown> | undefined) ?? podTemplate) as Record<
    string,
    unknown
  >;
  template.metadata = { labels: generated };
  const obj: KubeObject = {
    metadata: { name, namespace: 'default', uid },
    spec: { selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }, ...spec, template },
  };
  setJobDefaults(obj);
  return obj;
}

describe('Jobs', () => {
  it('accepts a job with a generated selector', () => {
    expect(validateJob(job({}))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'pods must not restart Always',
      { template: { spec: { containers: [{ name: 'pi', image: 'perl' }] } } },
      ['spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'],
    ],
    [
      'completions may not be negative',
      { completions: -1 },
      ['spec.completions: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'parallelism may not be negative',
      { parallelism: -1 },
      ['spec.parallelism: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'backoffLimit may not be negative',
      { backoffLimit: -1 },
      ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'the completion mode must be known',
      { completionMode: 'Sometimes' },
      ['spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"'],
    ],
    [
      'an Indexed job needs completions',
      { completionMode: 'Indexed', completions: null, parallelism: 2 },
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
    [
      'a selector that was not generated is refused',
      { selector: { matchLabels: { app: 'x' } } },
      [
        'spec.selector: Invalid value: map[string]interface {}{"matchLabels":map[string]string{"app":"x"}}: `selector` not auto-generated',
        'spec.template.metadata.labels: Invalid value: map[string]string{"batch.kubernetes.io/controller-uid":"uid-1", "batch.kubernetes.io/job-name":"pi", "controller-uid":"uid-1", "job-name":"pi"}: `selector` does not match template `labels`',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateJob(job(spec)).map(String)).toEqual(expected);
  });

  it('keeps the pod template immutable', () => {
    const old = job({});
    const next = job({
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.40' }] } },
    });
    const errs = validateJobUpdate(next, old).map(String);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^spec\.template: Invalid value: .*: field is immutable$/s);
  });

  it('lets a suspended job that never started change its node selector', () => {
    const old = job({ suspend: true });
    const next = job({ suspend: true, template: { spec: { ...podTemplate.spec, nodeSelector: { disk: 'ssd' } } } });
    expect(validateJobUpdate(next, old)).toEqual([]);
  });

  it('keeps completions immutable', () => {
    expect(validateJobUpdate(job({ completions: 5 }), job({ completions: 3 })).map(String)).toEqual([
      'spec.completions: Invalid value: 5: field is immutable',
    ]);
  });
});

function cronJob(spec: Record<string, unknown>, name = 'backup'): KubeObject {
  const obj: KubeObject = {
    metadata: { name, namespace: 'default' },
    spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: podTemplate } }, ...spec },
  };
  setCronJobDefaults(obj);
  return obj;
}

describe('CronJobs', () => {
  it('accepts a cron job', () => {
    expect(validateCronJob(cronJob({}))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['a schedule is required', { schedule: '' }, ['spec.schedule: Required value']],
    [
      'a schedule must parse',
      { schedule: '61 * * * *' },
      ['spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61'],
    ],
    [
      'a time zone goes in the timeZone field',
      { schedule: 'TZ=UTC 0 * * * *' },
      [
        'spec.schedule: Invalid value: "TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      ],
    ],
    [
      'the time zone must be known',
      { timeZone: 'Mars/Olympus' },
      ['spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus'],
    ],
    [
      'the time zone must be explicit',
      { timeZone: 'Local' },
      [
        'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
      ],
    ],
    [
      'the concurrency policy must be known',
      { concurrencyPolicy: 'Sometimes' },
      ['spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"'],
    ],
    [
      'the job template may not set a selector',
      { jobTemplate: { spec: { selector: { matchLabels: { a: 'b' } }, template: podTemplate } } },
      [
        'spec.jobTemplate.spec.selector: Invalid value: map[string]interface {}{"matchLabels":map[string]string{"a":"b"}}: `selector` will be auto-generated',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(validateCronJob(cronJob(spec)).map(String)).toEqual(expected);
  });

  it('limits names to 52 characters', () => {
    const name = 'c'.repeat(53);
    expect(validateCronJob(cronJob({}, name)).map(String)).toEqual([
      `metadata.name: Invalid value: "${name}": must be no more than 52 characters`,
    ]);
  });

  it('lets an old TZ schedule stay on update', () => {
    const old = cronJob({ schedule: 'TZ=UTC 0 * * * *' });
    expect(validateCronJobUpdate(cronJob({ schedule: 'TZ=UTC 30 * * * *' }), old)).toEqual([]);
  });
});
