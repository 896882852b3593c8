// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { setHostClient } from '../services/host.ts';
import { FakeHostClient, settle } from '../testing/fake-host-client.ts';
import { useTerminalStore } from './terminal-store.ts';

function start() {
  const client = new FakeHostClient()
    .openStreams()
    .on('terminal.input', () => ({}))
    .on('terminal.resize', () => ({}));
  setHostClient(client);
  setActivePinia(createPinia());
  return { client, store: useTerminalStore() };
}

describe('the terminal store', () => {
  afterEach(() => setHostClient(undefined));

  it('opens a shell of the size its view has, and keeps its output until a view attaches', async () => {
    const { client, store } = start();
    const id = store.add();
    await store.start(id, 100, 30);
    expect(client.callsOf('terminal.open')).toEqual([{ cols: 100, rows: 30 }]);
    client.push('s1', { kind: 'terminal', data: '$ ' });
    const written: string[] = [];
    store.attach(id, (data) => written.push(data));
    client.push('s1', { kind: 'terminal', data: 'ls\r\n' });
    expect(written).toEqual(['$ ', 'ls\r\n']);
    expect(store.terminals[0]).toMatchObject({ title: 'bash 1', stream: 's1', ended: '' });
  });

  it('sends keystrokes and sizes to its own stream', async () => {
    const { client, store } = start();
    const first = store.add();
    const second = store.add();
    await store.start(first, 80, 24);
    await store.start(second, 80, 24);
    store.input(second, 'k');
    store.resize(first, 120, 40);
    await settle();
    expect(client.callsOf('terminal.input')).toEqual([{ stream: 's2', data: 'k' }]);
    expect(client.callsOf('terminal.resize')).toEqual([{ stream: 's1', cols: 120, rows: 40 }]);
    expect(store.activeId).toBe(second);
  });

  it('shows the exit of the shell and sends nothing more', async () => {
    const { client, store } = start();
    const id = store.add();
    await store.start(id, 80, 24);
    const written: string[] = [];
    store.attach(id, (data) => written.push(data));
    client.push('s1', { kind: 'end', exitCode: 130 });
    store.input(id, 'x');
    await settle();
    expect(store.terminals[0]?.ended).toBe('exited with code 130');
    expect(written.join('')).toContain('[exited with code 130]');
    expect(client.callsOf('terminal.input')).toEqual([]);
  });

  it('closes a tab: its stream too, and the next tab becomes active', async () => {
    const { client, store } = start();
    const first = store.add();
    const second = store.add();
    await store.start(first, 80, 24);
    store.activeId = first;
    store.close(first);
    expect(client.callsOf('stream.close')).toEqual([{ stream: 's1' }]);
    expect(store.terminals.map((t) => t.id)).toEqual([second]);
    expect(store.activeId).toBe(second);
  });
});
