// The object the details panel shows: the selection, its live copy (from the cluster store's watch of its resource),
// its events, its YAML as stored, its owner chain, a pod's log stream and the scheduler's explanation of a pod.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { KubeObjectJson, ObjectRef, SchedulingExplanation } from '../../engine/protocol/host-api.ts';
import { resourceForKind } from '../cluster/resource-ref.ts';
import type { OpenWatch } from '../composables/use-watch.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host, hostStreams } from '../services/host.ts';
import type { StreamHandle } from '../services/streams.ts';
import { useClusterStore } from './cluster-store.ts';
import { nextFrame } from './watched-objects.ts';

/** Log text kept per stream; older text is dropped. */
const MAX_LOG_CHARS = 256 * 1024;

export interface OwnerLink {
  kind: string;
  name: string;
  ref?: ObjectRef;
}

export const useDetailsStore = defineStore('details', () => {
  const cluster = useClusterStore();
  const selected = shallowRef<ObjectRef | undefined>();
  const watchedObjects = shallowRef<OpenWatch | undefined>();
  const fetched = shallowRef<KubeObjectJson | undefined>();
  const events = shallowRef<KubeObjectJson[]>([]);
  const yaml = ref('');
  const error = ref('');
  const explanation = shallowRef<SchedulingExplanation | undefined>();
  const explanationError = ref('');
  const logText = ref('');
  const logContainer = ref('');
  const logPrevious = ref(false);
  /** Counts log requests, so only the latest one's stream is kept. */
  let logRequest = 0;
  const logEnded = ref('');
  let logStream: StreamHandle<'logs.open'> | undefined;
  let logPending = '';

  const selectedKey = computed(() => {
    const ref = selected.value;
    return ref ? (ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name) : '';
  });
  const object = computed<KubeObjectJson | undefined>(
    () => watchedObjects.value?.objects.value.get(selectedKey.value) ?? fetched.value,
  );
  /** The selected object was deleted: its watch has synced and no longer has it. */
  const gone = computed(() => {
    const watched = watchedObjects.value;
    return !!watched?.synced.value && !!fetched.value && !watched.objects.value.has(selectedKey.value);
  });

  /** The owner chain, nearest owner first, following controller owners (from watches, else fetched). */
  const owners = shallowRef<OwnerLink[]>([]);

  async function resolveOwners(): Promise<void> {
    const ref = selected.value;
    const chain: OwnerLink[] = [];
    const seen = new Set<string>();
    let current = object.value;
    while (current && chain.length < 8) {
      const refs = current.metadata?.ownerReferences ?? [];
      const owner = refs.find((o) => o.controller) ?? refs[0];
      if (!owner || seen.has(owner.uid)) break;
      seen.add(owner.uid);
      const info = resourceForKind(cluster.resources, owner.apiVersion, owner.kind);
      const namespace = info?.namespaced ? current.metadata?.namespace : undefined;
      const ownerRef: ObjectRef | undefined = info && {
        group: info.group,
        version: info.version,
        resource: info.resource,
        ...(namespace ? { namespace } : {}),
        name: owner.name,
      };
      chain.push({ kind: owner.kind, name: owner.name, ...(ownerRef ? { ref: ownerRef } : {}) });
      if (!ownerRef) break;
      current =
        cluster.peek(ownerRef) ??
        (await host()
          .call('objects.get', { ref: ownerRef })
          .catch(() => undefined));
    }
    if (selected.value === ref) owners.value = chain;
  }

  watch(
    () => object.value?.metadata?.ownerReferences?.map((o) => o.uid).join(),
    () => void resolveOwners(),
  );

  async function select(ref: ObjectRef | undefined): Promise<void> {
    closeLogs();
    if (selected.value) cluster.release(selected.value);
    selected.value = ref;
    fetched.value = undefined;
    events.value = [];
    yaml.value = '';
    error.value = '';
    explanation.value = undefined;
    explanationError.value = '';
    owners.value = [];
    watchedObjects.value = ref ? cluster.acquire(ref) : undefined;
    if (!ref) return;
    try {
      fetched.value = await host().call('objects.get', { ref });
    } catch (failure) {
      if (selected.value === ref) error.value = hostErrorOf(failure).message;
    }
    await loadEvents();
  }

  async function loadEvents(): Promise<void> {
    const ref = selected.value;
    if (!ref) return;
    try {
      const { items } = await host().call('objects.events', { ref });
      if (selected.value === ref) events.value = items;
    } catch (failure) {
      if (selected.value === ref) error.value = hostErrorOf(failure).message;
    }
  }

  async function loadYaml(): Promise<void> {
    const ref = selected.value;
    if (!ref) return;
    try {
      const answer = await host().call('objects.yaml', { ref });
      if (selected.value === ref) yaml.value = answer.yaml;
    } catch (failure) {
      if (selected.value === ref) error.value = hostErrorOf(failure).message;
    }
  }

  async function explain(): Promise<void> {
    const ref = selected.value;
    if (!ref || ref.resource !== 'pods' || !ref.namespace) return;
    try {
      const answer = await host().call('scheduling.explain', { namespace: ref.namespace, name: ref.name });
      if (selected.value === ref) {
        explanation.value = answer;
        explanationError.value = '';
      }
    } catch (failure) {
      if (selected.value === ref) explanationError.value = hostErrorOf(failure).message;
    }
  }

  function appendLog(text: string): void {
    if (!logPending) nextFrame(flushLog);
    logPending += text;
  }

  function flushLog(): void {
    if (!logPending) return;
    const next = logText.value + logPending;
    logPending = '';
    logText.value = next.length > MAX_LOG_CHARS ? next.slice(next.length - MAX_LOG_CHARS) : next;
  }

  /** Streams the log of a container (the pod's default one unless named), or of its previous instance. */
  async function openLogs(container?: string, previous = false): Promise<void> {
    const ref = selected.value;
    closeLogs();
    if (!ref || ref.resource !== 'pods' || !ref.namespace) return;
    const request = ++logRequest;
    logText.value = '';
    logEnded.value = '';
    logContainer.value = container ?? '';
    logPrevious.value = previous;
    try {
      const params = {
        namespace: ref.namespace,
        pod: ref.name,
        tailLines: 1000,
        ...(previous ? { previous } : { follow: true }),
        ...(container ? { container } : {}),
      };
      const handle = await hostStreams().open('logs.open', params, (event) => {
        if (request !== logRequest) return;
        if (event.kind === 'logs') appendLog(event.text);
        else if (event.kind === 'end') {
          flushLog();
          logEnded.value = event.error ? event.error.message : 'log ended';
        }
      });
      if (request === logRequest) logStream = handle;
      else handle.close();
    } catch (failure) {
      if (request === logRequest) logEnded.value = hostErrorOf(failure).message;
    }
  }

  function closeLogs(): void {
    logRequest++;
    logStream?.close();
    logStream = undefined;
    logPending = '';
  }

  return {
    selected,
    object,
    gone,
    events,
    yaml,
    error,
    owners,
    explanation,
    explanationError,
    logText,
    logContainer,
    logPrevious,
    logEnded,
    select,
    loadEvents,
    loadYaml,
    explain,
    openLogs,
    closeLogs,
  };
});
