// How kube-apiserver reaches the kubelet of a pod's node (pkg/kubelet/client's NodeConnectionInfoGetter): the Node
// read from the API — a pod bound to a node that does not exist gets its NotFound — its address chosen by kubeadm's
// --kubelet-preferred-address-types (InternalIP, ExternalIP, Hostname), its port from the kubelet's daemon endpoint;
// and the errors of a request to a node whose kubelet is not there (the node is down: its address does not answer),
// as a 500 Status without a reason.

import type { KubeObject } from '../../api/object.ts';
import { StatusError } from '../errors/status-error.ts';
import type { ObjectGetter } from './object-getter.ts';

/** The kubelet's port when its node does not report one. */
export const DEFAULT_KUBELET_PORT = 10250;
const PREFERRED_ADDRESS_TYPES = ['InternalIP', 'ExternalIP', 'Hostname'];

interface NodeAddress {
  type?: string;
  address?: string;
}

interface NodeStatus {
  addresses?: NodeAddress[];
  daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
}

/** Where the kubelet of a node listens: `host:port` as Go's net.JoinHostPort writes it. */
export interface KubeletEndpoint {
  hostPort: string;
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export function kubeletEndpointOf(node: KubeObject): KubeletEndpoint {
  const status = (node['status'] ?? {}) as NodeStatus;
  const addresses = status.addresses ?? [];
  let host: string | undefined;
  for (const type of PREFERRED_ADDRESS_TYPES) {
    host = addresses.find((a) => a.type === type)?.address;
    if (host) break;
  }
  if (!host) {
    const known = addresses.map((a) => `{${a.type ?? ''} ${a.address ?? ''}}`).join(' ');
    throw new StatusError(500, '', `no preferred addresses found; known addresses: [${known}]`);
  }
  const port = status.daemonEndpoints?.kubeletEndpoint?.Port || DEFAULT_KUBELET_PORT;
  return { hostPort: joinHostPort(host, port) };
}

/** The kubelet endpoint of a node read from the API; a node that does not exist is a NotFound. */
export async function kubeletEndpoint(nodes: ObjectGetter, nodeName: string): Promise<KubeletEndpoint> {
  return kubeletEndpointOf(await nodes.get('', nodeName));
}

function unreachable(endpoint: KubeletEndpoint): string {
  return `dial tcp ${endpoint.hostPort}: connect: no route to host`;
}

/** A GET proxied to the kubelet (logs) that could not connect. */
export function kubeletGetFailed(endpoint: KubeletEndpoint, path: string): StatusError {
  return new StatusError(500, '', `Get "https://${endpoint.hostPort}${path}": ${unreachable(endpoint)}`);
}

/** An upgrade proxied to the kubelet (exec, attach, port-forward) that could not connect. */
export function kubeletDialFailed(endpoint: KubeletEndpoint): StatusError {
  return new StatusError(500, '', `error dialing backend: ${unreachable(endpoint)}`);
}
