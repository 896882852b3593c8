import { describe, expect, it } from 'vitest';
import { TestFramework, summary } from '../../testing/test-framework.ts';
import { makeNode, makePod } from '../../testing/wrappers.ts';
import { ErrReason, Name } from './node-ports.ts';

describe('NodePorts', () => {
  const existing = (ports: { hostPort: number; hostIP?: string; protocol?: string }[]) =>
    new TestFramework({
      nodes: [makeNode().name('n').obj()],
      pods: [
        makePod()
          .name('existing')
          .node('n')
          .hostPorts(...ports.map((p) => ({ containerPort: p.hostPort, ...p })))
          .obj(),
      ],
    });

  it('skips pods that ask for no host port', () => {
    const tf = existing([{ hostPort: 80 }]);
    expect(tf.filter(Name, makePod().obj()).preFilter?.code).toBe('Skip');
  });

  it.each([
    { name: 'a free port fits', used: [{ hostPort: 80 }], want: { hostPort: 8080 }, expected: 'Success' },
    { name: 'the same TCP port conflicts', used: [{ hostPort: 80 }], want: { hostPort: 80 }, expected: ErrReason },
    {
      name: 'the same port over another protocol fits',
      used: [{ hostPort: 53, protocol: 'UDP' }],
      want: { hostPort: 53, protocol: 'TCP' },
      expected: 'Success',
    },
    {
      name: 'different addresses do not conflict',
      used: [{ hostPort: 80, hostIP: '10.0.0.1' }],
      want: { hostPort: 80, hostIP: '10.0.0.2' },
      expected: 'Success',
    },
    {
      name: 'the wildcard address conflicts with every address',
      used: [{ hostPort: 80, hostIP: '10.0.0.1' }],
      want: { hostPort: 80, hostIP: '0.0.0.0' },
      expected: ErrReason,
    },
  ])('$name', ({ used, want, expected }) => {
    const tf = existing(used);
    const status = tf
      .filter(
        Name,
        makePod()
          .hostPorts({ containerPort: want.hostPort, ...want })
          .obj(),
      )
      .nodes.get('n')!;
    expect(summary(status)).toBe(expected === 'Success' ? 'Success' : `Unschedulable: ${expected}`);
  });
});
