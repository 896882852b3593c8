import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { podContainer, podNodeName } from './pod-container.ts';

function pod(spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject {
  return { metadata: { name: 'web', annotations }, spec };
}

const one = pod({ containers: [{ name: 'app' }], nodeName: 'node-1' });
const two = pod({
  initContainers: [{ name: 'setup' }],
  containers: [{ name: 'a' }, { name: 'b' }],
  ephemeralContainers: [{ name: 'debugger' }],
});

describe('the container of a log, exec or attach request', () => {
  it.each([
    ['the only container when none is named', one, '', 'app'],
    ['a named container', two, 'b', 'b'],
    ['a named init container', two, 'setup', 'setup'],
    ['a named ephemeral container', two, 'debugger', 'debugger'],
  ])('is %s', (_, p, requested, expected) => {
    expect(podContainer(p, requested)).toBe(expected);
  });

  it.each([
    [
      'no name among several',
      two,
      '',
      'a container name must be specified for pod web, choose one of: [setup a b debugger]',
    ],
    [
      'no name, even with kubectl’s default-container annotation (kubectl applies it itself)',
      pod({ containers: [{ name: 'a' }, { name: 'b' }] }, { 'kubectl.kubernetes.io/default-container': 'b' }),
      '',
      'a container name must be specified for pod web, choose one of: [a b]',
    ],
    ['no name and no containers', pod({ containers: [] }), '', 'a container name must be specified for pod web'],
    ['an unknown name', one, 'x', 'container x is not valid for pod web'],
  ])('is refused with a 400 for %s', (_, p, requested, message) => {
    expect(() => podContainer(p, requested)).toThrow(message);
  });

  it('comes with the node the pod is bound to, or none yet', () => {
    expect(podNodeName(one)).toBe('node-1');
    expect(podNodeName(two)).toBe('');
  });
});
