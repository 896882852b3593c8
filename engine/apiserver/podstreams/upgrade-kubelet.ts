// The kubelet a pod's exec, attach or port-forward upgrade goes to, after the checks kube-apiserver makes in its
// order: a pod without a node (400), a node that is gone (404), a request that is no upgrade (400), a kubelet that
// does not answer (500).

import type { KubeObject } from '../../api/object.ts';
import type { KubeletApi, KubeletDirectory } from '../../node/kubelet-api.ts';
import { isUpgradeRequest } from '../endpoints/api-request.ts';
import type { ApiRequest } from '../endpoints/api-request.ts';
import { badRequest } from '../errors/status-error.ts';
import { kubeletDialFailed, kubeletEndpoint } from './kubelet-connection.ts';
import type { ObjectGetter } from './object-getter.ts';
import { podNodeName } from './pod-container.ts';

export async function upgradeKubelet(
  pod: KubeObject,
  nodes: ObjectGetter,
  kubelets: KubeletDirectory,
  headers: ApiRequest['headers'],
): Promise<KubeletApi> {
  const nodeName = podNodeName(pod);
  if (!nodeName) throw badRequest(`pod ${pod.metadata.name ?? ''} does not have a host assigned`);
  const endpoint = await kubeletEndpoint(nodes, nodeName);
  if (!isUpgradeRequest(headers)) throw badRequest('Upgrade request required');
  const kubelet = kubelets(nodeName);
  if (!kubelet) throw kubeletDialFailed(endpoint);
  return kubelet;
}
