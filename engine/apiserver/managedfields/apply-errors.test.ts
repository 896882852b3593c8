import { describe, expect, test } from 'vitest';
import { applyConflictError, fieldManagerRequired, gvkString, printManager } from './apply-errors.ts';
import { managerIdentifier } from './managers.ts';

const csa = managerIdentifier({ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'apps/v1' });
const hpa = managerIdentifier({ manager: 'hpa', operation: 'Update', apiVersion: 'apps/v1', subresource: 'scale' });
const applier = managerIdentifier({ manager: 'argocd', operation: 'Apply' });

describe('apply errors', () => {
  test.each([
    ['an updater with its API version', csa, '"kubectl-client-side-apply" using apps/v1'],
    ['an updater through a sub-resource', hpa, '"hpa" with subresource "scale" using apps/v1'],
    ['an applier by name alone', applier, '"argocd"'],
  ])('prints %s', (_name, identifier, expected) => {
    expect(printManager(identifier)).toBe(expected);
  });

  test('reports one conflict as kubectl users see it', () => {
    const error = applyConflictError([{ manager: csa, path: ['f:spec', 'f:replicas'] }]);
    expect(error.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
      code: 409,
    });
  });

  test('groups several conflicts by manager', () => {
    const error = applyConflictError([
      { manager: csa, path: ['f:spec', 'f:replicas'] },
      { manager: csa, path: ['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'] },
      { manager: applier, path: ['f:metadata', 'f:labels', 'f:app'] },
    ]);
    expect(error.message).toBe(
      'Apply failed with 3 conflicts: conflicts with "argocd":\n- .metadata.labels.app\n' +
        'conflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(error.status.details?.causes).toHaveLength(3);
  });

  test('requires a field manager with PatchOptions validation', () => {
    expect(fieldManagerRequired().status).toMatchObject({
      code: 422,
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
    });
  });

  test.each([
    ['a named group', 'apps/v1', 'Deployment', 'apps/v1, Kind=Deployment'],
    ['the core group', 'v1', 'Pod', '/v1, Kind=Pod'],
    ['nothing', undefined, undefined, '/, Kind='],
  ])('prints the group, version and kind of %s as Go does', (_name, apiVersion, kind, expected) => {
    expect(gvkString(apiVersion, kind)).toBe(expected);
  });
});
