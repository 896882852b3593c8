// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { NodeSummary, PodSummary } from '../cluster/pod-status.ts';
import NodeCard from './NodeCard.vue';

const NODE: NodeSummary = {
  name: 'node-1',
  ready: true,
  unschedulable: true,
  taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  roles: [],
  allocatable: { cpu: '4' },
};
const pod = (name: string, phase: string, status = phase, restarts = 0): PodSummary => ({
  namespace: 'default',
  name,
  phase,
  status,
  restarts,
  ready: '0/1',
  nodeName: 'node-1',
});

describe('a node card', () => {
  const card = mount(NodeCard, {
    props: {
      node: NODE,
      pods: [pod('a', 'Running'), pod('b', 'Running', 'CrashLoopBackOff', 5)],
      selectedPod: 'default/b',
    },
  });

  it('names the node, its cordon and its taints for tests and readers', () => {
    const root = card.get('[data-testid="node-card"]');
    expect(root.attributes()).toMatchObject({ 'data-node': 'node-1', 'data-unschedulable': 'true' });
    expect(card.find('[data-testid="node-cordoned"]').exists()).toBe(true);
    expect(card.findAll('[data-testid="node-taint"]').map((t) => t.text())).toEqual(['dedicated=gpu:NoSchedule']);
  });

  it('shows each pod as a chip carrying its name, phase, status and restarts', () => {
    const chips = card.findAll('[data-testid="pod-chip"]');
    expect(
      chips.map((c) => [c.attributes('data-pod'), c.attributes('data-phase'), c.attributes('data-status')]),
    ).toEqual([
      ['a', 'Running', 'Running'],
      ['b', 'Running', 'CrashLoopBackOff'],
    ]);
    expect(chips[1]?.classes()).toEqual(expect.arrayContaining(['trouble', 'selected']));
    expect(chips[1]?.text()).toContain('↻5');
  });

  it('tells which pod was chosen', async () => {
    await card.findAll('[data-testid="pod-chip"]')[0]?.trigger('click');
    expect(card.emitted('select')?.[0]?.[0]).toMatchObject({ name: 'a' });
  });
});
