// How the API server's proxy reaches a pod's port: a connection opened in the pod's network namespace through the
// kubelet of the pod's node (its PodPortDialer), until the network lab routes the API server's own connections to
// pod IPs. A pod whose node or sandbox is not there cannot be reached: no route to host.

import type { Duplex } from 'node:stream';
import type { KubeObject } from '../../api/object.ts';
import type { KubeletDirectory } from '../../node/kubelet-api.ts';
import { DialError } from '../../node/runtime/ports/pod-port-dialer.ts';
import { podNodeName } from '../podstreams/pod-container.ts';

/** Opens a connection to a port of a pod; rejects with a DialError. */
export type PodDialer = (pod: KubeObject, port: number) => Promise<Duplex>;

export function kubeletPodDialer(kubelets: KubeletDirectory): PodDialer {
  return async (pod, port) => {
    const kubelet = kubelets(podNodeName(pod));
    if (!kubelet) throw new DialError('unreachable');
    const forwarder = await kubelet
      .portForward(pod.metadata.namespace ?? '', pod.metadata.name ?? '')
      .catch(() => Promise.reject(new DialError('unreachable')));
    return forwarder.dial(port);
  };
}
