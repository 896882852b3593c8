import { describe, expect, it } from 'vitest';
import type { ApiResourceInfo } from '../../engine/protocol/host-api.ts';
import { documentRefs } from './documents.ts';
import { objectLabel } from './object-label.ts';

const info = (group: string, resource: string, kind: string, namespaced: boolean): ApiResourceInfo => ({
  group,
  version: 'v1',
  resource,
  kind,
  namespaced,
  verbs: ['list'],
  shortNames: [],
  categories: [],
});
const RESOURCES = [info('', 'namespaces', 'Namespace', false), info('apps', 'deployments', 'Deployment', true)];

describe('the objects a YAML names', () => {
  it('resolves each document to its resource, namespaced ones in default unless they say', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata: {name: lab}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: lab}
---
apiVersion: example.com/v1
kind: Unknown
metadata: {name: x}
`;
    expect(documentRefs(text, RESOURCES)).toEqual([
      { group: '', version: 'v1', resource: 'namespaces', name: 'lab' },
      { group: 'apps', version: 'v1', resource: 'deployments', name: 'web', namespace: 'default' },
      { group: 'apps', version: 'v1', resource: 'deployments', name: 'db', namespace: 'lab' },
    ]);
  });

  it('labels objects as kubectl does', () => {
    expect(objectLabel('Deployment', 'apps', 'web')).toBe('deployment.apps/web');
    expect(objectLabel('Pod', '', 'p')).toBe('pod/p');
  });
});
