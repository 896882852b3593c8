// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient } from '../testing/fake-host-client.ts';
import { initialTheme, useLabStore } from './lab-store.ts';

describe('the lab store', () => {
  beforeEach(() => {
    localStorage.clear();
    setHostClient(new FakeHostClient());
    setActivePinia(createPinia());
  });
  afterEach(() => setHostClient(undefined));

  it('remembers the theme it is toggled to', async () => {
    const lab = useLabStore();
    const before = lab.theme;
    lab.toggleTheme();
    await nextTick();
    expect(lab.theme).not.toBe(before);
    expect(localStorage.getItem('kubelab.theme')).toBe(lab.theme);
    expect(initialTheme()).toBe(lab.theme);
  });

  it('zooms in steps within bounds and remembers the zoom', async () => {
    const lab = useLabStore();
    lab.zoomBy(1);
    expect(lab.zoom).toBe(1.15);
    lab.zoomBy(-3);
    expect(lab.zoom).toBe(0.8);
    lab.zoomBy(-1);
    expect(lab.zoom).toBe(0.8);
    lab.zoomBy(20);
    await nextTick();
    expect(lab.zoom).toBe(2);
    expect(localStorage.getItem('kubelab.zoom')).toBe('2');
  });

  it('follows the connection and loads the lab info when it opens', async () => {
    const client = new FakeHostClient().on('lab.info', () => ({
      name: 'lab',
      server: 'https://127.0.0.1:6443',
      kubeconfigPath: '/k',
      kubernetesVersion: 'v1.32',
    }));
    setHostClient(client);
    const lab = useLabStore();
    await lab.start();
    expect(lab.info?.name).toBe('lab');
    client.setState('connecting');
    expect(lab.connection).toBe('connecting');
    client.setState('open');
    expect(lab.connection).toBe('open');
    expect(client.callsOf('lab.info')).toHaveLength(2);
  });
});
