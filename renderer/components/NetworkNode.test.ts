// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setHostClient } from '../services/host.ts';
import { useNetworkStore } from '../stores/network-store.ts';
import { FakeHostClient } from '../testing/fake-host-client.ts';
import { TOPOLOGY, TRACE } from '../testing/network-fixture.ts';
import NetworkNode from './NetworkNode.vue';

const NODE = TOPOLOGY.nodes[0]!;

describe("a node's network namespace", () => {
  let store: ReturnType<typeof useNetworkStore>;

  beforeEach(() => {
    setHostClient(new FakeHostClient().on('network.rules', () => ({ iptablesSave: '', ipvs: '' })));
    const pinia = createPinia();
    setActivePinia(pinia);
    store = useNetworkStore();
    store.topology = TOPOLOGY;
  });

  const render = () => mount(NetworkNode, { props: { node: NODE } });
  const current = (wrapper: ReturnType<typeof render>) =>
    wrapper
      .findAll('[data-current="true"]')
      .map((e) =>
        `${e.attributes('data-testid')} ${e.attributes('data-netns') ?? ''} ${e.attributes('data-device') ?? ''}`.trim(),
      );

  it('draws the root devices, the bridge, and a veth pair down to each pod', () => {
    const wrapper = render();
    const devices = wrapper.findAll('[data-testid="network-device"]').map((d) => d.attributes('data-device'));
    expect(devices).toEqual(['lo', 'eth0', 'flannel.1', 'cni0', 'veth10', 'eth0', 'veth11', 'eth0']);
    expect(wrapper.findAll('[data-testid="network-pod"]').map((p) => p.attributes('data-ip'))).toEqual([
      '10.244.1.2',
      '10.244.1.3',
    ]);
    expect(wrapper.get('[data-testid="network-tunnel"]').attributes()).toMatchObject({
      'data-node': 'node-1',
      'data-to': 'node-2',
      'data-kind': 'vxlan',
    });
  });

  it('lights the device of the current hop, and the tunnel the packet takes', async () => {
    store.trace = TRACE;
    store.seek(2);
    const wrapper = render();
    await wrapper.vm.$nextTick();
    expect(current(wrapper)).toEqual(['network-pod pod/default/client', 'network-device pod/default/client eth0']);
    store.seek(7);
    await wrapper.vm.$nextTick();
    expect(current(wrapper)).toEqual(['network-node', 'network-device node/node-1 flannel.1']);
    expect(wrapper.get('[data-testid="network-tunnel"]').classes()).toContain('current');
  });

  it('folds its pods in the summary until unfolded, and makes a pod the source', async () => {
    store.mode = 'summary';
    const wrapper = render();
    expect(wrapper.findAll('[data-testid="network-pod"]')).toHaveLength(0);
    await wrapper.get('[data-testid="network-node-toggle"]').trigger('click');
    expect(wrapper.findAll('[data-testid="network-pod"]')).toHaveLength(2);
    await wrapper.get('[data-netns="pod/default/web-a"] .podname').trigger('click');
    expect(store.from).toBe('pod/default/web-a');
  });
});
