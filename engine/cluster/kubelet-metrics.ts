// The resource metrics of a lab, as metrics-server makes them: it scrapes every kubelet's summary and serves
// NodeMetrics and PodMetrics with CPU in nanocores and memory in KiB, carrying the node's or pod's labels (so
// `kubectl top pods -l app=web` selects). Pods the kubelets run but the API no longer has are left out.

import { rfc3339 } from '../api/json.ts';
import type { KubeObject } from '../api/object.ts';
import type { NodeSummary } from '../node/kubelet/node-summary.ts';
import type { MetricsSource } from './metrics-api.ts';

const API_VERSION = 'metrics.k8s.io/v1beta1';

/** Reads the current objects of a resource ('' namespace: all). */
export type ObjectList = (namespace: string) => Promise<KubeObject[]>;

function usage(cpuMillis: number, memoryBytes: number): Record<string, string> {
  return { cpu: `${Math.round(cpuMillis * 1e6)}n`, memory: `${Math.round(memoryBytes / 1024)}Ki` };
}

export function kubeletMetrics(summaries: () => NodeSummary[], nodes: ObjectList, pods: ObjectList): MetricsSource {
  return {
    async nodeMetrics() {
      const labels = new Map((await nodes('')).map((n) => [n.metadata.name, n.metadata.labels]));
      return summaries()
        .filter((s) => labels.has(s.nodeName))
        .map((s) => ({
          kind: 'NodeMetrics',
          apiVersion: API_VERSION,
          metadata: { name: s.nodeName, creationTimestamp: rfc3339(s.timestamp), labels: labels.get(s.nodeName) ?? {} },
          timestamp: rfc3339(s.timestamp),
          window: `${s.windowSeconds}s`,
          usage: usage(s.node.cpuMillis, s.node.memoryBytes),
        }));
    },
    async podMetrics(namespace) {
      const byUid = new Map((await pods(namespace)).map((p) => [p.metadata.uid, p]));
      const out: KubeObject[] = [];
      for (const summary of summaries()) {
        for (const pod of summary.pods) {
          const known = byUid.get(pod.uid);
          if (!known) continue;
          out.push({
            kind: 'PodMetrics',
            apiVersion: API_VERSION,
            metadata: {
              name: pod.name,
              namespace: pod.namespace,
              creationTimestamp: rfc3339(summary.timestamp),
              labels: known.metadata.labels ?? {},
            },
            timestamp: rfc3339(summary.timestamp),
            window: `${summary.windowSeconds}s`,
            containers: pod.containers.map((c) => ({ name: c.name, usage: usage(c.cpuMillis, c.memoryBytes) })),
          });
        }
      }
      return out;
    },
  };
}
