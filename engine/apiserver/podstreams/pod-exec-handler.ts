// …/pods/<name>/exec and /attach (pkg/registry/core/pod/rest/subresources.go): the pod's container and node found,
// the request required to be an upgrade, the kubelet's own checks made, and the connection then handed to the
// remote command protocols with a session the node's kubelet starts.

import type { KubeletDirectory } from '../../node/kubelet-api.ts';
import { isUpgradeRequest } from '../endpoints/api-request.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { badRequest } from '../errors/status-error.ts';
import type { ResourceStore } from '../registry/generic/resource-store.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import { acceptRemoteCommand } from '../remotecommand/remote-command-upgrade.ts';
import { kubeletDialFailed } from './kubelet-unreachable.ts';
import { podContainer, podNodeName } from './pod-container.ts';
import { kubeletExecOptions, NO_STREAMS_MESSAGE, parsePodExecOptions } from './pod-exec-options.ts';

function remoteCommandHandler(
  operation: 'exec' | 'attach',
  pods: ResourceStore,
  kubelets: KubeletDirectory,
): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { namespace, name } = info;
    const options = parsePodExecOptions(req.query, operation);
    const pod = await pods.get(namespace, name);
    const container = podContainer(pod, options.container);
    const nodeName = podNodeName(pod);
    if (!nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
    if (!isUpgradeRequest(req.headers)) throw badRequest('Upgrade request required');
    const kubelet = kubelets(nodeName);
    if (!kubelet) throw kubeletDialFailed(nodeName);
    const execOptions = kubeletExecOptions(options, container, operation);
    if (!execOptions) {
      return { kind: 'raw', status: 400, contentType: 'text/plain; charset=utf-8', body: NO_STREAMS_MESSAGE };
    }
    return {
      kind: 'upgrade',
      accept: (connection) =>
        acceptRemoteCommand(connection, {
          operation,
          options: execOptions,
          start: () =>
            operation === 'exec'
              ? kubelet.exec(namespace, name, execOptions)
              : kubelet.attach(namespace, name, execOptions),
        }),
    };
  };
}

/** GET (WebSocket) or POST (SPDY) …/pods/<name>/exec?command=…&container=…&stdin=…&stdout=…&stderr=…&tty=… */
export function podExecHandler(pods: ResourceStore, kubelets: KubeletDirectory): ResourceHandler {
  return remoteCommandHandler('exec', pods, kubelets);
}

/** GET (WebSocket) or POST (SPDY) …/pods/<name>/attach?container=…&stdin=…&stdout=…&stderr=…&tty=… */
export function podAttachHandler(pods: ResourceStore, kubelets: KubeletDirectory): ResourceHandler {
  return remoteCommandHandler('attach', pods, kubelets);
}
