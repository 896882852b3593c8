// The terminal tabs: each a shell the host runs with KUBECONFIG set to the lab ('terminal.open'), its output handed
// to whichever xterm shows it (kept until one attaches), keystrokes and sizes sent back, and its exit shown.

import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { StreamHandle } from '../services/streams.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host, hostStreams } from '../services/host.ts';

export interface TerminalTab {
  id: number;
  title: string;
  /** The host's stream id once the shell runs. */
  stream?: string;
  /** Why the terminal ended ('' while it runs). */
  ended: string;
}

type Writer = (data: string) => void;

export const useTerminalStore = defineStore('terminal', () => {
  const terminals = ref<TerminalTab[]>([]);
  const activeId = ref<number | undefined>();
  const handles = new Map<number, StreamHandle<'terminal.open'>>();
  const writers = new Map<number, Writer>();
  const buffered = new Map<number, string>();
  let nextId = 1;

  const active = computed(() => terminals.value.find((t) => t.id === activeId.value));

  function tab(id: number): TerminalTab | undefined {
    return terminals.value.find((t) => t.id === id);
  }

  /** Adds a tab; its view calls `start` once it knows its size. */
  function add(): number {
    const id = nextId++;
    terminals.value.push({ id, title: `Terminal ${id}`, ended: '' });
    activeId.value = id;
    return id;
  }

  function write(id: number, data: string): void {
    const writer = writers.get(id);
    if (writer) writer(data);
    else buffered.set(id, (buffered.get(id) ?? '') + data);
  }

  async function start(id: number, cols: number, rows: number): Promise<void> {
    if (handles.has(id) || !tab(id)) return;
    try {
      const handle = await hostStreams().open('terminal.open', { cols, rows }, (event) => {
        if (event.kind === 'terminal') write(id, event.data);
        else if (event.kind === 'end') end(id, event.error?.message ?? `exited with code ${event.exitCode ?? 0}`);
      });
      const t = tab(id);
      if (!t) {
        handle.close();
        return;
      }
      handles.set(id, handle);
      t.stream = handle.stream;
      t.title = `${handle.result.shell.split(/[\\/]/).pop() ?? 'shell'} ${id}`;
    } catch (failure) {
      end(id, hostErrorOf(failure).message);
    }
  }

  function end(id: number, reason: string): void {
    handles.delete(id);
    const t = tab(id);
    if (!t || t.ended) return;
    t.ended = reason;
    write(id, `\r\n\x1b[2m[${reason}]\x1b[0m\r\n`);
  }

  function attach(id: number, writer: Writer): () => void {
    writers.set(id, writer);
    const early = buffered.get(id);
    if (early) {
      buffered.delete(id);
      writer(early);
    }
    return () => {
      if (writers.get(id) === writer) writers.delete(id);
    };
  }

  function input(id: number, data: string): void {
    const stream = handles.get(id)?.stream;
    if (stream)
      host()
        .call('terminal.input', { stream, data })
        .catch(() => {});
  }

  function resize(id: number, cols: number, rows: number): void {
    const stream = handles.get(id)?.stream;
    if (stream)
      host()
        .call('terminal.resize', { stream, cols, rows })
        .catch(() => {});
  }

  function close(id: number): void {
    handles.get(id)?.close();
    handles.delete(id);
    writers.delete(id);
    buffered.delete(id);
    const index = terminals.value.findIndex((t) => t.id === id);
    if (index >= 0) terminals.value.splice(index, 1);
    if (activeId.value === id) activeId.value = (terminals.value[index] ?? terminals.value[index - 1])?.id;
  }

  return { terminals, activeId, active, add, start, attach, input, resize, close };
});
