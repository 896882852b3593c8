// The streaming sub-resources of pods as the API server serves them — log, exec, attach and portforward — each answered by the
// kubelet of the pod's node: the Node read for its kubelet's address, the kubelet found through the directory at
// request time (kubelets come and go with nodes).

import type { KubeletDirectory } from '../../node/kubelet-api.ts';
import type { ObjectGetter } from './object-getter.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import { podAttachHandler, podExecHandler } from './pod-exec-handler.ts';
import { podLogHandler } from './pod-log-handler.ts';
import { podPortForwardHandler } from './pod-portforward-handler.ts';

/** Handlers to add to the pods' `subresources`, by sub-resource name. */
export function podStreamSubresources(
  pods: ObjectGetter,
  nodes: ObjectGetter,
  kubelets: KubeletDirectory,
): Record<string, ResourceHandler> {
  return {
    log: podLogHandler(pods, nodes, kubelets),
    exec: podExecHandler(pods, nodes, kubelets),
    attach: podAttachHandler(pods, nodes, kubelets),
    portforward: podPortForwardHandler(pods, nodes, kubelets),
  };
}
