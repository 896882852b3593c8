// The error a request proxied to a node's kubelet gets when no kubelet answers there (the node is down, or its
// kubelet is not running): kube-apiserver's dial error, as a 500 Status without a reason.

import { StatusError } from '../errors/status-error.ts';

/** The kubelet's port, as kube-apiserver dials it. */
export const KUBELET_PORT = 10250;

function refused(nodeName: string): string {
  return `dial tcp ${nodeName}:${KUBELET_PORT}: connect: connection refused`;
}

/** A GET proxied to the kubelet (logs) that could not connect. */
export function kubeletGetFailed(nodeName: string, path: string): StatusError {
  return new StatusError(500, '', `Get "https://${nodeName}:${KUBELET_PORT}${path}": ${refused(nodeName)}`);
}

/** An upgrade proxied to the kubelet (exec, attach, port-forward) that could not connect. */
export function kubeletDialFailed(nodeName: string): StatusError {
  return new StatusError(500, '', `error dialing backend: ${refused(nodeName)}`);
}
