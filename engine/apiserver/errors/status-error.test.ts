// Status errors serialise as Go's encoding/json writes metav1.Status: field order, and omitempty details.

import { describe, expect, it } from 'vitest';
import { StatusError, notFound, successStatus } from './status-error.ts';

describe('StatusError', () => {
  it('writes its fields in metav1.Status order, the code last', () => {
    const error = notFound({ group: 'apps', resource: 'deployments' }, 'web');
    expect(JSON.stringify(error.status)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \\"web\\" not found","reason":"NotFound","details":{"name":"web","group":"apps","kind":"deployments"},"code":404}',
    );
  });

  it('leaves out empty detail fields, as their omitempty tags do', () => {
    const error = notFound({ group: '', resource: 'configmaps' }, 'x');
    expect(error.status.details).toEqual({ name: 'x', kind: 'configmaps' });
  });

  it('keeps details that are set but empty as {}, since they are a pointer', () => {
    expect(new StatusError(422, 'Invalid', 'm', {}).status.details).toEqual({});
    expect(new StatusError(500, '', 'm').status).not.toHaveProperty('details');
  });

  it('writes a success Status with its code last', () => {
    expect(Object.keys(successStatus({ name: 'x', kind: 'pods' }))).toEqual([
      'kind',
      'apiVersion',
      'metadata',
      'status',
      'details',
      'code',
    ]);
  });
});
