import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { setReplicationControllerDefaults } from '../../defaults/core.ts';
import {
  validatePodTemplate,
  validateReplicationController,
  validateReplicationControllerStatus,
} from './replication-controller.ts';

function rc(spec: Record<string, unknown>): KubeObject {
  const obj: KubeObject = { metadata: { name: 'web', namespace: 'default' }, spec };
  setReplicationControllerDefaults(obj);
  return obj;
}

const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };

describe('ReplicationControllers', () => {
  it('takes its selector from the template labels', () => {
    const obj = rc({ template });
    expect((obj.spec as Record<string, unknown>).selector).toEqual({ app: 'web' });
    expect(validateReplicationController(obj)).toEqual([]);
  });

  it.each([
    [
      'a selector that does not match the template',
      { selector: { app: 'db' }, template },
      [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
      ],
    ],
    [
      'negative replicas',
      { replicas: -1, template },
      ['spec.replicas: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'a template whose pods do not always restart',
      { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } },
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
  ])('refuses %s', (_name, spec, expected) => {
    expect(validateReplicationController(rc(spec)).map(String)).toEqual(expected);
  });

  it('refuses more ready replicas than replicas in status', () => {
    expect(
      validateReplicationControllerStatus({
        metadata: {},
        status: { replicas: 1, readyReplicas: 2, availableReplicas: 0 },
      }).map(String),
    ).toEqual(['status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas']);
  });
});

describe('PodTemplates', () => {
  it('reports template errors under template', () => {
    expect(validatePodTemplate({ metadata: {}, template: { spec: { containers: [] } } }).map(String)).toContain(
      'template.spec.containers: Required value',
    );
  });
});
