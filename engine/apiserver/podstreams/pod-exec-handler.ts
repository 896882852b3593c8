// …/pods/<name>/exec and /attach (pkg/registry/core/pod/rest/subresources.go): the pod's container, node and kubelet
// found, the request required to be an upgrade, and the connection then handed to the remote command protocols with
// a session the node's kubelet starts — or refuses, as it refuses a request for no stream at all.

import type { KubeletDirectory } from '../../node/kubelet-api.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { badRequest } from '../errors/status-error.ts';
import type { ObjectGetter } from './object-getter.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import { acceptRemoteCommand } from '../remotecommand/remote-command-upgrade.ts';
import { upgradeKubelet } from './upgrade-kubelet.ts';
import { podContainer } from './pod-container.ts';
import { kubeletExecOptions, NO_STREAMS_MESSAGE, parsePodExecOptions, requestsAnyStream } from './pod-exec-options.ts';

function remoteCommandHandler(
  operation: 'exec' | 'attach',
  pods: ObjectGetter,
  nodes: ObjectGetter,
  kubelets: KubeletDirectory,
): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { namespace, name } = info;
    const options = parsePodExecOptions(req.query, operation);
    const pod = await pods.get(namespace, name);
    const container = podContainer(pod, options.container);
    const kubelet = await upgradeKubelet(pod, nodes, kubelets, req.headers);
    const execOptions = kubeletExecOptions(options, container, operation);
    const start = async () => {
      if (!requestsAnyStream(execOptions)) throw badRequest(NO_STREAMS_MESSAGE);
      return operation === 'exec'
        ? kubelet.exec(namespace, name, execOptions)
        : kubelet.attach(namespace, name, execOptions);
    };
    return {
      kind: 'upgrade',
      accept: (connection) => acceptRemoteCommand(connection, { operation, options: execOptions, start }),
    };
  };
}

/** GET (WebSocket) or POST (SPDY) …/pods/<name>/exec?command=…&container=…&stdin=…&stdout=…&stderr=…&tty=… */
export function podExecHandler(pods: ObjectGetter, nodes: ObjectGetter, kubelets: KubeletDirectory): ResourceHandler {
  return remoteCommandHandler('exec', pods, nodes, kubelets);
}

/** GET (WebSocket) or POST (SPDY) …/pods/<name>/attach?container=…&stdin=…&stdout=…&stderr=…&tty=… */
export function podAttachHandler(pods: ObjectGetter, nodes: ObjectGetter, kubelets: KubeletDirectory): ResourceHandler {
  return remoteCommandHandler('attach', pods, nodes, kubelets);
}
