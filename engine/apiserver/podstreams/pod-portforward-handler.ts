// …/pods/<name>/portforward (pkg/registry/core/pod/rest's PortForwardREST): the pod's node and kubelet found, the
// request required to be an upgrade, and the connection handed to the port forwarding protocols with the forwarding
// the node's kubelet gives for the pod — or its refusal.

import type { KubeletDirectory } from '../../node/kubelet-api.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { badRequest } from '../errors/status-error.ts';
import { acceptPortForward } from '../portforward/port-forward-upgrade.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import { upgradeKubelet } from './upgrade-kubelet.ts';
import type { ObjectGetter } from './object-getter.ts';

/** PodPortForwardOptions' `ports` as the query converts them (int32 each). */
export function parsePortForwardPorts(query: URLSearchParams): string[] {
  const ports = query.getAll('ports');
  for (const port of ports) {
    if (!/^-?\d+$/.test(port) || Math.abs(Number(port)) > 2 ** 31) {
      throw badRequest(`strconv.ParseInt: parsing ${JSON.stringify(port)}: invalid syntax`);
    }
  }
  return ports;
}

/** GET (WebSocket) or POST (SPDY) …/pods/<name>/portforward[?ports=80] */
export function podPortForwardHandler(
  pods: ObjectGetter,
  nodes: ObjectGetter,
  kubelets: KubeletDirectory,
): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { namespace, name } = info;
    const ports = parsePortForwardPorts(req.query);
    const pod = await pods.get(namespace, name);
    const kubelet = await upgradeKubelet(pod, nodes, kubelets, req.headers);
    return {
      kind: 'upgrade',
      accept: (connection) =>
        acceptPortForward(connection, { ports, start: () => kubelet.portForward(namespace, name) }),
    };
  };
}
