// Tests for the errors admission plugins refuse requests with.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { admissionForbidden, aggregateMessage } from './admission-errors.ts';
import { PODS, attributesFor } from './test-attributes.ts';

describe('admissionForbidden', () => {
  it.each<[string, string, KubeObject | undefined, string]>([
    ['names the object of the request', 'web', { metadata: { name: 'web' } }, 'pods "web" is forbidden: no'],
    ['names the object when the request has no name', '', { metadata: { name: 'web' } }, 'pods "web" is forbidden: no'],
    ['falls back to the generateName', '', { metadata: { generateName: 'web-' } }, 'pods "web-" is forbidden: no'],
    ['calls a nameless object Unknown', '', { metadata: {} }, 'pods "Unknown" is forbidden: no'],
  ])('%s', (_name, requestName, object, message) => {
    const error = admissionForbidden(attributesFor(PODS, object, { name: requestName }), 'no');
    expect([error.code, error.reason, error.message]).toEqual([403, 'Forbidden', message]);
  });

  it('qualifies resources of named groups', () => {
    const a = attributesFor(
      { group: 'apps', resource: 'deployments', kind: 'Deployment' },
      { metadata: { name: 'd' } },
    );
    expect(admissionForbidden(a, 'no').status.details).toEqual({ name: 'd', group: 'apps', kind: 'deployments' });
  });
});

describe('aggregateMessage', () => {
  it.each<[string, string[], string]>([
    ['keeps one message as it is', ['a'], 'a'],
    ['brackets several', ['a', 'b'], '[a, b]'],
    ['reports a repeated message once', ['a', 'a'], 'a'],
  ])('%s', (_name, messages, expected) => {
    expect(aggregateMessage(messages)).toBe(expected);
  });
});
