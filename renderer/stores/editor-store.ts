// The editor's tabs and what its buttons do: each tab's YAML, Apply (server-side), Dry run, Diff against the cluster
// and Delete through the host, the errors of the last apply placed on their lines, and the message bar.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { DiffOutcome, HostError, ObjectRef } from '../../engine/protocol/host-api.ts';
import { objectLabel } from '../editor/object-label.ts';
import type { LineError } from '../editor/error-lines.ts';
import type { Template } from '../editor/templates.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host } from '../services/host.ts';
import { useClusterStore } from './cluster-store.ts';
import { useLabStore } from './lab-store.ts';

export interface EditorTab {
  id: number;
  title: string;
  text: string;
  /** The object the tab was opened from, if any. */
  origin?: ObjectRef;
  /** The errors of the last apply, on their lines. */
  errors: LineError[];
}

export type MessageKind = 'info' | 'success' | 'error';

export interface EditorMessage {
  kind: MessageKind;
  text: string;
  lines: string[];
  /** The apply met a conflict with another field manager: applying with force would take the fields over. */
  conflict?: boolean;
}

export interface DiffView {
  tabId: number;
  outcomes: DiffOutcome[];
  index: number;
}

/** `Kind/name` of the text's first document, read from its top-level `kind:` and `metadata.name` lines. */
export function tabTitle(text: string, fallback: string): string {
  const head = text.split(/^---/m).find((d) => /^kind:/m.test(d)) ?? '';
  const kind = /^kind:\s*["']?([\w.-]+)/m.exec(head)?.[1];
  const name = /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*["']?([\w.-]+)/m.exec(head)?.[1];
  return kind ? `${kind}${name ? `/${name}` : ''}` : fallback;
}

export const useEditorStore = defineStore('editor', () => {
  const cluster = useClusterStore();
  const lab = useLabStore();
  const tabs = ref<EditorTab[]>([]);
  const activeId = ref<number | undefined>();
  const message = shallowRef<EditorMessage | undefined>();
  const busy = ref(false);
  const diff = shallowRef<DiffView | undefined>();
  let nextId = 1;

  const active = computed(() => tabs.value.find((t) => t.id === activeId.value));

  function addTab(title: string, text: string, origin?: ObjectRef): EditorTab {
    const tab: EditorTab = { id: nextId++, title, text, errors: [], ...(origin ? { origin } : {}) };
    tabs.value.push(tab);
    activate(tab.id);
    return tab;
  }

  function newFromTemplate(template: Template): void {
    addTab(`New ${template.kind}`, template.yaml);
  }

  function newEmpty(): void {
    addTab('Untitled', '');
  }

  async function openObject(ref: ObjectRef, kind: string): Promise<void> {
    const same = (o?: ObjectRef): boolean =>
      !!o &&
      o.group === ref.group &&
      o.resource === ref.resource &&
      o.namespace === ref.namespace &&
      o.name === ref.name;
    const open = tabs.value.find((t) => same(t.origin));
    if (open) {
      activate(open.id);
      return;
    }
    try {
      const { yaml } = await host().call('objects.yaml', { ref });
      addTab(`${kind}/${ref.name}`, yaml, ref);
    } catch (failure) {
      show('error', hostErrorOf(failure).message);
    }
  }

  function activate(id: number): void {
    activeId.value = id;
    diff.value = undefined;
    lab.view = 'editor';
  }

  function closeTab(id: number): void {
    const index = tabs.value.findIndex((t) => t.id === id);
    if (index < 0) return;
    tabs.value.splice(index, 1);
    if (diff.value?.tabId === id) diff.value = undefined;
    if (activeId.value === id) activeId.value = (tabs.value[index] ?? tabs.value[index - 1])?.id;
  }

  function setText(id: number, text: string): void {
    const tab = tabs.value.find((t) => t.id === id);
    if (!tab || tab.text === text) return;
    tab.text = text;
    if (!tab.origin) tab.title = tabTitle(text, tab.title);
  }

  function show(kind: MessageKind, text: string, lines: string[] = []): void {
    message.value = { kind, text, lines };
  }

  function dismissMessage(): void {
    message.value = undefined;
  }

  /** Puts the errors on their lines (the YAML parser loads only when there are errors to place). */
  async function placeErrors(tab: EditorTab, errors: readonly HostError[]): Promise<LineError[]> {
    tab.errors = errors.length ? (await import('../editor/error-lines.ts')).errorLines(tab.text, errors) : [];
    return tab.errors;
  }

  async function apply(dryRun = false, force = false): Promise<void> {
    const tab = active.value;
    if (!tab || busy.value) return;
    busy.value = true;
    const suffix = dryRun ? ' (server dry run)' : '';
    try {
      const params = { yaml: tab.text, ...(dryRun ? { dryRun } : {}), ...(force ? { force } : {}) };
      const { outcomes } = await host().call('objects.apply', params);
      const errors = outcomes.flatMap((o) =>
        o.error ? [{ ...o.error, document: o.error.document ?? o.document }] : [],
      );
      const placed = await placeErrors(tab, errors);
      const done = outcomes.flatMap((o) =>
        o.ref && o.action
          ? [`${objectLabel(o.object?.kind ?? o.ref.resource, o.ref.group, o.ref.name)} ${o.action}${suffix}`]
          : [],
      );
      const failed = placed.map((e) => `line ${e.line}: ${e.message}`);
      if (errors.length) {
        show('error', `${errors.length} of ${outcomes.length} failed${suffix}`, [...failed, ...done]);
        if (errors.some((e) => e.code === 409)) message.value = { ...message.value!, conflict: true };
      } else show('success', done.join(', ') || `nothing to apply${suffix}`, done.length > 1 ? done : []);
    } catch (failure) {
      const error = hostErrorOf(failure);
      const [placed] = error.document !== undefined || error.line !== undefined ? await placeErrors(tab, [error]) : [];
      show('error', placed ? `line ${placed.line}: ${placed.message}` : error.message);
    } finally {
      busy.value = false;
    }
  }

  async function showDiff(): Promise<void> {
    const tab = active.value;
    if (!tab || busy.value) return;
    busy.value = true;
    try {
      const { outcomes } = await host().call('objects.diff', { yaml: tab.text });
      const errors = outcomes.flatMap((o) =>
        o.error ? [{ ...o.error, document: o.error.document ?? o.document }] : [],
      );
      const placed = await placeErrors(tab, errors);
      const shown = outcomes.filter((o) => !o.error);
      if (shown.length) diff.value = { tabId: tab.id, outcomes: shown, index: 0 };
      if (placed.length)
        show(
          'error',
          'Diff failed',
          placed.map((e) => `line ${e.line}: ${e.message}`),
        );
      else
        show(
          'info',
          `Diff of ${shown.length} object${shown.length === 1 ? '' : 's'}: live (left) and after apply (right)`,
        );
    } catch (failure) {
      show('error', hostErrorOf(failure).message);
    } finally {
      busy.value = false;
    }
  }

  /** Shows the diff of another document of the same text. */
  function pickDiff(index: number): void {
    if (diff.value && diff.value.outcomes[index]) diff.value = { ...diff.value, index };
  }

  function closeDiff(): void {
    diff.value = undefined;
  }

  async function deleteObjects(): Promise<void> {
    const tab = active.value;
    if (!tab || busy.value) return;
    const { documentRefs } = await import('../editor/documents.ts');
    const refs = tab.origin ? [tab.origin] : documentRefs(tab.text, cluster.resources);
    if (refs.length === 0) {
      show('error', 'Nothing to delete: no document names an object the cluster serves');
      return;
    }
    busy.value = true;
    const lines: string[] = [];
    let failed = 0;
    for (const ref of [...refs].reverse()) {
      const label = objectLabel(cluster.info(ref)?.kind ?? ref.resource, ref.group, ref.name);
      try {
        await host().call('objects.delete', { ref });
        lines.push(`${label} deleted`);
      } catch (failure) {
        failed++;
        lines.push(`${label}: ${hostErrorOf(failure).message}`);
      }
    }
    busy.value = false;
    const kind = failed ? 'error' : 'success';
    if (lines.length === 1) show(kind, lines[0] ?? '');
    else
      show(kind, failed ? `${failed} of ${lines.length} deletions failed` : `${lines.length} objects deleted`, lines);
  }

  return {
    tabs,
    activeId,
    active,
    message,
    busy,
    diff,
    newFromTemplate,
    newEmpty,
    openObject,
    activate,
    closeTab,
    setText,
    apply,
    showDiff,
    pickDiff,
    closeDiff,
    deleteObjects,
    show,
    dismissMessage,
  };
});
