// Static pods: pods the kubelet runs from manifests on its node (kubeadm's control plane), not from the API. A
// manifest becomes a pod as kubelet's file source makes it — named `<name>-<node>`, its UID the hash of the
// manifest, annotated with config.hash / config.seen / config.source, tolerating every NoExecute taint — and the
// API shows it as a mirror pod: the same pod with the config.mirror annotation, owned by the Node.

import { createHash } from 'node:crypto';
import type { KubeObject } from '../../api/object.ts';
import { setPodDefaults } from '../../apiserver/defaults/core.ts';
import { rfc3339Nano } from './go-time.ts';

export const CONFIG_HASH = 'kubernetes.io/config.hash';
export const CONFIG_MIRROR = 'kubernetes.io/config.mirror';
export const CONFIG_SEEN = 'kubernetes.io/config.seen';
export const CONFIG_SOURCE = 'kubernetes.io/config.source';

/** The pod a manifest describes on this node. */
export function staticPodFromManifest(manifest: KubeObject, nodeName: string, now: number): KubeObject {
  const pod = structuredClone(manifest);
  pod.apiVersion = 'v1';
  pod.kind = 'Pod';
  const hash = createHash('md5')
    .update(JSON.stringify(manifest))
    .update(`host:${nodeName}`)
    .update('file:/etc/kubernetes/manifests')
    .digest('hex');
  pod.metadata = {
    ...pod.metadata,
    name: `${manifest.metadata.name ?? ''}-${nodeName.toLowerCase()}`,
    namespace: manifest.metadata.namespace || 'default',
    uid: hash,
    annotations: {
      ...manifest.metadata.annotations,
      [CONFIG_HASH]: hash,
      [CONFIG_SEEN]: rfc3339Nano(now),
      [CONFIG_SOURCE]: 'file',
    },
  };
  setPodDefaults(pod);
  const spec = pod['spec'] as Record<string, unknown>;
  spec['nodeName'] = nodeName;
  const tolerations = Array.isArray(spec['tolerations']) ? (spec['tolerations'] as Record<string, unknown>[]) : [];
  if (!tolerations.some((t) => t['operator'] === 'Exists' && t['effect'] === 'NoExecute' && !t['key'])) {
    tolerations.push({ operator: 'Exists', effect: 'NoExecute' });
  }
  spec['tolerations'] = tolerations;
  pod['status'] = { phase: 'Pending' };
  return pod;
}

/** The mirror pod that shows a static pod in the API. */
export function mirrorPodOf(staticPod: KubeObject, node: { name: string; uid: string }): KubeObject {
  const hash = staticPod.metadata.annotations?.[CONFIG_HASH] ?? staticPod.metadata.uid ?? '';
  const { uid: _uid, resourceVersion: _rv, ...metadata } = staticPod.metadata;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...metadata,
      annotations: { ...staticPod.metadata.annotations, [CONFIG_MIRROR]: hash },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: structuredClone(staticPod['spec']),
  };
}

export function isMirrorPod(pod: KubeObject): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR] !== undefined;
}
