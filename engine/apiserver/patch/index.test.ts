import { describe, expect, it } from 'vitest';
import { builtinSchemas } from '../../api/schemas.ts';
import type { ResolvedSchema } from '../../api/schema-table.ts';
import { StatusError } from '../errors/status-error.ts';
import type { PatchType } from './index.ts';
import { acceptedPatchContentTypes, applyPatch, patchTypeFromContentType, unsupportedPatchMediaType } from './index.ts';
import { PATCH_INVALID_MESSAGE, PatchError } from './patch-error.ts';

function schemaOf(definition: string): ResolvedSchema {
  return { definition: builtinSchemas.definition(definition), type: 'object' };
}

const deploymentSchema = schemaOf('io.k8s.api.apps.v1.Deployment');
const podSchema = schemaOf('io.k8s.api.core.v1.Pod');

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, finalizers: ['example.com/hold'] },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] },
          { name: 'log', image: 'busybox' },
        ],
        volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
      },
    },
  },
};

function caught(action: () => unknown): StatusError {
  try {
    action();
  } catch (error) {
    if (error instanceof StatusError) return error;
    throw error;
  }
  throw new Error('expected a StatusError');
}

describe('patchTypeFromContentType', () => {
  it.each<[string | undefined, PatchType | undefined]>([
    ['application/json-patch+json', 'json'],
    ['application/merge-patch+json', 'merge'],
    ['application/strategic-merge-patch+json', 'strategic'],
    ['application/apply-patch+yaml', 'apply'],
    ['application/merge-patch+json; charset=utf-8', 'merge'],
    ['application/json', undefined],
    ['Application/Merge-Patch+JSON', undefined],
    [';application/merge-patch+json', undefined],
    [undefined, undefined],
  ])('reads %s as %s', (contentType, patchType) => {
    expect(patchTypeFromContentType(contentType)).toBe(patchType);
  });
});

describe('accepted patch content types', () => {
  it('lists all four for built-in kinds', () => {
    expect(unsupportedPatchMediaType(acceptedPatchContentTypes(true)).status).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('leaves strategic merge patch out for custom resources, as the apiextensions server does', () => {
    expect(unsupportedPatchMediaType(acceptedPatchContentTypes(false)).message).toBe(
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    );
  });
});

describe('applyPatch with the built-in schemas', () => {
  it('applies the patch kubectl apply sends when a Deployment changes image and strategy', () => {
    const patch = {
      spec: {
        strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'log' }, { name: 'app' }],
            containers: [{ image: 'nginx:1.26', name: 'app' }],
          },
        },
      },
    };
    const result = applyPatch('strategic', deployment, patch, deploymentSchema, builtinSchemas) as typeof deployment;
    expect(result.spec.strategy).toEqual({ type: 'Recreate' });
    expect(result.spec.template.spec.containers).toEqual([
      { name: 'log', image: 'busybox' },
      { name: 'app', image: 'nginx:1.26', env: [{ name: 'A', value: '1' }] },
    ]);
  });

  it.each<[string, unknown, (result: typeof deployment) => unknown, unknown]>([
    [
      'env merges by name',
      { spec: { template: { spec: { containers: [{ name: 'app', env: [{ name: 'A', value: '2' }] }] } } } },
      (result) => result.spec.template.spec.containers[0]?.env,
      [{ name: 'A', value: '2' }],
    ],
    [
      'a volume keeps only the keys $retainKeys lists',
      {
        spec: {
          template: {
            spec: { volumes: [{ name: 'config', $retainKeys: ['name', 'secret'], secret: { secretName: 's' } }] },
          },
        },
      },
      (result) => result.spec.template.spec.volumes,
      [{ name: 'config', secret: { secretName: 's' } }],
    ],
    [
      'finalizers lose one with $deleteFromPrimitiveList',
      { metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/hold'] } },
      (result) => result.metadata.finalizers,
      [],
    ],
    [
      'the selector, which has no patch strategy, merges its labels',
      { spec: { selector: { matchLabels: { tier: 'front' } } } },
      (result) => result.spec.selector,
      { matchLabels: { app: 'web', tier: 'front' } },
    ],
  ])('merges so that %s', (_name, patch, pick, expected) => {
    expect(
      pick(applyPatch('strategic', deployment, patch, deploymentSchema, builtinSchemas) as typeof deployment),
    ).toEqual(expected);
  });

  it('merges the ports of a Pod container by number', () => {
    const pod = { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } };
    const patch = {
      spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 80, name: 'http' }] }] },
    };
    expect(applyPatch('strategic', pod, patch, podSchema, builtinSchemas)).toEqual({
      spec: {
        containers: [
          { name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 80, protocol: 'TCP', name: 'http' }] },
        ],
      },
    });
  });

  it('answers a container without a name with the 500 kubectl users know', () => {
    const patch = { spec: { template: { spec: { containers: [{ image: 'nginx' }] } } } };
    const error = caught(() => applyPatch('strategic', deployment, patch, deploymentSchema, builtinSchemas));
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'map: map[image:nginx] does not contain declared merge key: name',
      code: 500,
    });
  });

  it('answers a malformed $retainKeys with a 400', () => {
    const patch = { spec: { strategy: { $retainKeys: 'type' } } };
    const error = caught(() => applyPatch('strategic', deployment, patch, deploymentSchema, builtinSchemas));
    expect([error.code, error.message]).toEqual([400, 'invalid patch format of retainKeys']);
  });
});

describe('applyPatch with JSON patch', () => {
  it('replaces the pod template, as kubectl rollout undo does', () => {
    const template = {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1.24' }] },
    };
    const result = applyPatch(
      'json',
      deployment,
      [{ op: 'replace', path: '/spec/template', value: template }],
      deploymentSchema,
      builtinSchemas,
    );
    expect(result).toMatchObject({ spec: { template } });
  });

  it('answers a failing test with the generic 422, keeping the reason as the cause', () => {
    const error = caught(() =>
      applyPatch(
        'json',
        deployment,
        [{ op: 'test', path: '/spec/replicas', value: 3 }],
        deploymentSchema,
        builtinSchemas,
      ),
    );
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: PATCH_INVALID_MESSAGE,
      reason: 'Invalid',
      details: {},
      code: 422,
    });
    expect(error.cause).toEqual(new PatchError('Invalid', 'testing value /spec/replicas failed: test failed'));
  });

  it('answers a body that is not a list with a 400', () => {
    const error = caught(() => applyPatch('json', deployment, { op: 'add' }, deploymentSchema, builtinSchemas));
    expect([error.code, error.message]).toEqual([
      400,
      'json: cannot unmarshal object into Go value of type jsonpatch.Patch',
    ]);
  });

  it('refuses unknown operation members under Strict field validation', () => {
    const patch = [{ op: 'add', path: '/spec/paused', value: true, foo: 1 }];
    const error = caught(() =>
      applyPatch('json', { spec: {} }, patch, deploymentSchema, builtinSchemas, { fieldValidation: 'Strict' }),
    );
    expect([error.code, error.reason, error.message]).toEqual([
      422,
      'Invalid',
      ' "" is invalid: patch: Invalid value: "{\\"spec\\":{\\"paused\\":true}}": strict decoding error: json patch unknown field "[0].foo"',
    ]);
  });

  it('reports unknown operation members as warnings under Warn field validation', () => {
    const warnings: string[] = [];
    const patch = [{ op: 'add', path: '/spec/paused', value: true, foo: 1 }];
    applyPatch('json', { spec: {} }, patch, deploymentSchema, builtinSchemas, { fieldValidation: 'Warn', warnings });
    expect(warnings).toEqual(['json patch unknown field "[0].foo"']);
  });

  it('ignores unknown operation members by default', () => {
    const patch = [{ op: 'add', path: '/spec/paused', value: true, foo: 1 }];
    expect(applyPatch('json', { spec: {} }, patch, deploymentSchema, builtinSchemas)).toEqual({
      spec: { paused: true },
    });
  });
});

describe('applyPatch with JSON merge patch', () => {
  it('removes a label sent as null, as kubectl label does', () => {
    const result = applyPatch(
      'merge',
      deployment,
      { metadata: { labels: { app: null } } },
      deploymentSchema,
      builtinSchemas,
    );
    expect(result).toMatchObject({ metadata: { labels: {} } });
  });

  it('replaces lists whole, unlike a strategic merge patch', () => {
    const patch = { spec: { template: { spec: { containers: [{ name: 'app', image: 'nginx:1.26' }] } } } };
    const result = applyPatch('merge', deployment, patch, deploymentSchema, builtinSchemas) as typeof deployment;
    expect(result.spec.template.spec.containers).toEqual([{ name: 'app', image: 'nginx:1.26' }]);
  });

  it('refuses a list body under Strict field validation with a 400', () => {
    const error = caught(() =>
      applyPatch('merge', deployment, [1], deploymentSchema, builtinSchemas, { fieldValidation: 'Strict' }),
    );
    expect([error.code, error.message]).toEqual([
      400,
      'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });
});
