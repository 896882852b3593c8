import { describe, expect, it } from 'vitest';
import { LabelSelector } from '../../apiserver/selectors/label-selector.ts';
import { makeNode, makePod } from '../testing/wrappers.ts';
import { NodeInfo } from './node-info.ts';
import { PodInfo } from './pod-info.ts';

const WEB = { id: 1, selector: LabelSelector.fromSet({ app: 'web' }) };
const DB = { id: 2, selector: LabelSelector.fromSet({ app: 'db' }) };
const pod = (name: string, app: string, namespace = 'default') =>
  new PodInfo(makePod().name(name).namespace(namespace).labels({ app }).node('n').obj());

type Step =
  { add: PodInfo } | { remove: PodInfo } | { copyFrom: (info: NodeInfo) => void } | { count: typeof WEB; want: number };

describe('NodeInfo.countMatching', () => {
  const w1 = pod('w1', 'web');
  const w2 = pod('w2', 'web');
  const d1 = pod('d1', 'db');
  it.each<{ name: string; steps: Step[] }>([
    {
      name: 'counts again after a pod is added or removed',
      steps: [
        { add: w1 },
        { count: WEB, want: 1 },
        { add: w2 },
        { count: WEB, want: 2 },
        { remove: w1 },
        { count: WEB, want: 1 },
      ],
    },
    {
      name: 'keeps the counts of several selectors apart',
      steps: [
        { add: w1 },
        { add: d1 },
        { count: WEB, want: 1 },
        { count: DB, want: 1 },
        { add: w2 },
        { count: DB, want: 1 },
        { count: WEB, want: 2 },
        { count: WEB, want: 2 },
      ],
    },
    {
      name: 'counts only the namespace asked for',
      steps: [{ add: w1 }, { add: pod('w3', 'web', 'other') }, { count: WEB, want: 1 }],
    },
    {
      name: 'counts again once it is made a copy of another NodeInfo',
      steps: [
        { add: w1 },
        { count: WEB, want: 1 },
        {
          copyFrom: (info) => {
            const other = new NodeInfo();
            other.setNode(makeNode().name('n').obj());
            for (const p of [w1, w2, pod('w4', 'web')]) other.addPod(p);
            info.copyFrom(other);
          },
        },
        { count: WEB, want: 3 },
      ],
    },
  ])('$name', ({ steps }) => {
    const info = new NodeInfo();
    info.setNode(makeNode().name('n').obj());
    for (const step of steps) {
      if ('add' in step) info.addPod(step.add);
      else if ('remove' in step) info.removePod(step.remove);
      else if ('copyFrom' in step) step.copyFrom(info);
      else expect(info.countMatching(step.count.id, 'default', step.count.selector)).toBe(step.want);
    }
  });
});
