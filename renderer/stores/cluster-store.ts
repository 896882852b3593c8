// The cluster as the UI knows it: the resources discovery lists (grouped for the explorer), the objects of every
// resource someone looks at (kept by watches, opened on demand and shared), and — always watched — the nodes and
// pods the cluster view draws.

import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ApiResourceInfo, KubeObjectJson, ObjectRef, ResourceRef } from '../../engine/protocol/host-api.ts';
import { explorerSections } from '../cluster/explorer-groups.ts';
import { nodeSummary, podSummary } from '../cluster/pod-status.ts';
import type { NodeSummary, PodSummary } from '../cluster/pod-status.ts';
import { NODES, PODS, resourceKey } from '../cluster/resource-ref.ts';
import type { OpenWatch } from '../composables/use-watch.ts';
import { openWatch, useWatch } from '../composables/use-watch.ts';
import { hostErrorOf } from '../services/host-client.ts';
import { host } from '../services/host.ts';

interface Shared {
  watch: OpenWatch;
  users: number;
}

export const useClusterStore = defineStore('cluster', () => {
  const resources = shallowRef<ApiResourceInfo[]>([]);
  const resourcesError = ref('');
  const sections = computed(() => explorerSections(resources.value));
  const shared = new Map<string, Shared>();

  const pods = useWatch(PODS);
  const nodes = useWatch(NODES);

  async function loadResources(): Promise<void> {
    try {
      resources.value = await host().call('api.resources', {});
      resourcesError.value = '';
    } catch (failure) {
      resourcesError.value = hostErrorOf(failure).message;
    }
  }

  function info(ref: ResourceRef): ApiResourceInfo | undefined {
    return resources.value.find(
      (r) => r.group === ref.group && r.version === ref.version && r.resource === ref.resource,
    );
  }

  /** The objects of a resource, watched until every user has released it. */
  function acquire(ref: ResourceRef): OpenWatch {
    const key = resourceKey(ref);
    if (key === resourceKey(PODS)) return pods;
    if (key === resourceKey(NODES)) return nodes;
    let entry = shared.get(key);
    if (!entry) {
      const watchable = info(ref)?.verbs.includes('watch') ?? true;
      entry = { watch: openWatch(ref, { watchable }), users: 0 };
      shared.set(key, entry);
    }
    entry.users++;
    return entry.watch;
  }

  function release(ref: ResourceRef): void {
    const key = resourceKey(ref);
    const entry = shared.get(key);
    if (!entry || --entry.users > 0) return;
    entry.watch.stop();
    shared.delete(key);
  }

  /** An object of a resource that is being watched anyway (no new watch is opened). */
  function peek(ref: ObjectRef): KubeObjectJson | undefined {
    const key = resourceKey(ref);
    const watch = key === resourceKey(PODS) ? pods : key === resourceKey(NODES) ? nodes : shared.get(key)?.watch;
    return watch?.objects.value.get(ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name);
  }

  // Summaries per object: an unchanged pod keeps its summary, so its chip is not rendered again.
  const podSummaries = new WeakMap<KubeObjectJson, PodSummary>();
  const nodeSummaries = new WeakMap<KubeObjectJson, NodeSummary>();
  const summaryOf =
    <T>(cache: WeakMap<KubeObjectJson, T>, make: (o: KubeObjectJson) => T) =>
    (o: KubeObjectJson) => {
      let summary = cache.get(o);
      if (!summary) cache.set(o, (summary = make(o)));
      return summary;
    };
  const podList = computed<PodSummary[]>(() =>
    [...pods.objects.value.values()].map(summaryOf(podSummaries, podSummary)),
  );
  const nodeList = computed<NodeSummary[]>(() =>
    [...nodes.objects.value.values()]
      .map(summaryOf(nodeSummaries, nodeSummary))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  /** Pods per node name; '' holds the pods not yet bound to a node. */
  const podsByNode = computed(() => {
    const byNode = new Map<string, PodSummary[]>();
    for (const pod of podList.value) {
      const list = byNode.get(pod.nodeName);
      if (list) list.push(pod);
      else byNode.set(pod.nodeName, [pod]);
    }
    for (const list of byNode.values()) {
      list.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
    }
    return byNode;
  });

  return {
    resources,
    resourcesError,
    sections,
    pods: pods.objects,
    nodes: nodes.objects,
    podsSynced: pods.synced,
    nodeList,
    podsByNode,
    loadResources,
    info,
    acquire,
    release,
    peek,
  };
});
