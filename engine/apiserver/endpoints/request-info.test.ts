import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.ts';

const q = (s = '') => new URLSearchParams(s);

describe('parseRequestInfo', () => {
  it.each([
    [
      'a namespaced list',
      'GET',
      '/api/v1/namespaces/default/pods',
      '',
      { verb: 'list', apiGroup: '', apiVersion: 'v1', namespace: 'default', resource: 'pods', name: '' },
    ],
    [
      'a get of one pod',
      'GET',
      '/api/v1/namespaces/default/pods/web',
      '',
      { verb: 'get', namespace: 'default', resource: 'pods', name: 'web' },
    ],
    [
      'a sub-resource',
      'GET',
      '/api/v1/namespaces/default/pods/web/log',
      '',
      { verb: 'get', resource: 'pods', name: 'web', subresource: 'log' },
    ],
    [
      'a watch by query',
      'GET',
      '/apis/apps/v1/namespaces/ns/deployments',
      'watch=true',
      { verb: 'watch', apiGroup: 'apps', resource: 'deployments' },
    ],
    [
      'a legacy watch path',
      'GET',
      '/api/v1/watch/namespaces/ns/pods',
      '',
      { verb: 'watch', namespace: 'ns', resource: 'pods' },
    ],
    ['a cluster-wide list', 'GET', '/api/v1/pods', '', { verb: 'list', namespace: '', resource: 'pods' }],
    [
      'a namespace itself',
      'GET',
      '/api/v1/namespaces/lab',
      '',
      { verb: 'get', resource: 'namespaces', name: 'lab', namespace: 'lab' },
    ],
    [
      'the namespace list',
      'GET',
      '/api/v1/namespaces',
      '',
      { verb: 'list', resource: 'namespaces', name: '', namespace: '' },
    ],
    [
      'a namespace finalize',
      'PUT',
      '/api/v1/namespaces/lab/finalize',
      '',
      { verb: 'update', resource: 'namespaces', name: 'lab', subresource: 'finalize' },
    ],
    ['a create', 'POST', '/apis/apps/v1/namespaces/ns/deployments', '', { verb: 'create', name: '' }],
    ['a delete collection', 'DELETE', '/api/v1/namespaces/ns/configmaps', '', { verb: 'deletecollection' }],
    [
      'a patch of a scale',
      'PATCH',
      '/apis/apps/v1/namespaces/ns/deployments/web/scale',
      '',
      { verb: 'patch', subresource: 'scale' },
    ],
  ])('reads %s', (_name, method, path, query, expected) => {
    const info = parseRequestInfo(method, path, q(query));
    expect(info.isResourceRequest).toBe(true);
    expect(info).toMatchObject(expected);
  });

  it.each(['/healthz', '/version', '/api', '/apis', '/apis/apps', '/api/v1', '/apis/apps/v1', '/openapi/v3'])(
    'treats %s as a non-resource request',
    (path) => {
      expect(parseRequestInfo('GET', path, q()).isResourceRequest).toBe(false);
    },
  );
});
