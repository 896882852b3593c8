import { describe, expect, it } from 'vitest';
import { Diagnosis, FitError } from './fit-error.ts';
import { Status } from './status.ts';

const taint = 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';

function diagnosis(statuses: [string, string[], Status['code']?][], absent?: Status): Diagnosis {
  const d = new Diagnosis();
  for (const [node, reasons, code = 'Unschedulable'] of statuses) d.nodeToStatus.set(node, new Status(code, reasons));
  if (absent) d.nodeToStatus.setAbsentNodesStatus(absent);
  return d;
}

describe('FitError message', () => {
  it.each([
    {
      name: 'counts each reason over the nodes and sorts the counts as text',
      numAllNodes: 4,
      d: diagnosis([
        ['cp', [taint], 'UnschedulableAndUnresolvable'],
        ['w1', ['Insufficient cpu']],
        ['w2', ['Insufficient cpu']],
        ['w3', ['Insufficient cpu']],
      ]),
      postFilterMsg:
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
      expected:
        `0/4 nodes are available: 1 ${taint}, 3 Insufficient cpu. preemption: 0/4 nodes are available: ` +
        '1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'lists every reason of a node that lacks several resources',
      numAllNodes: 2,
      d: diagnosis([
        ['a', ['Insufficient cpu', 'Insufficient memory']],
        ['b', ['Insufficient memory']],
      ]),
      postFilterMsg: '',
      expected: '0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.',
    },
    {
      name: 'counts nodes never evaluated with the absent status',
      numAllNodes: 5,
      d: diagnosis(
        [['a', ['Insufficient cpu']]],
        new Status('UnschedulableAndUnresolvable', ["node(s) didn't satisfy plugin(s) [NodeAffinity]"]),
      ),
      postFilterMsg: '',
      expected: "0/5 nodes are available: 1 Insufficient cpu, 4 node(s) didn't satisfy plugin(s) [NodeAffinity].",
    },
    {
      name: 'sorts as text, so 10 comes before 9',
      numAllNodes: 19,
      d: diagnosis([
        ...Array.from({ length: 10 }, (_, i): [string, string[]] => [`x${i}`, ['b reason']]),
        ...Array.from({ length: 9 }, (_, i): [string, string[]] => [`y${i}`, ['a reason']]),
      ]),
      postFilterMsg: '',
      expected: '0/19 nodes are available: 10 b reason, 9 a reason.',
    },
  ])('$name', ({ numAllNodes, d, postFilterMsg, expected }) => {
    d.postFilterMsg = postFilterMsg;
    expect(new FitError(numAllNodes, d).error()).toBe(expected);
  });

  it('uses the PreFilter message alone when PreFilter rejected the pod', () => {
    const d = new Diagnosis();
    d.preFilterMsg = 'pod affinity terms conflict';
    d.nodeToStatus.setAbsentNodesStatus(new Status('UnschedulableAndUnresolvable', ['pod affinity terms conflict']));
    d.postFilterMsg = 'preemption: not eligible due to preemptionPolicy=Never.';
    expect(new FitError(3, d).error()).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });
});
