// GET …/pods/<name>/log (pkg/registry/core/pod/rest/log.go): options read and validated, the pod's container, node
// and kubelet found, and the kubelet's log stream sent on as text/plain as it comes — for as long as it follows the
// container, or until the client goes away. A pod not on a node yet has no log: 204, as upstream's empty location
// streams nothing.

import type { KubeletDirectory, LogOptions } from '../../node/kubelet-api.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import type { ObjectGetter } from './object-getter.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import { kubeletEndpoint, kubeletGetFailed } from './kubelet-connection.ts';
import { podContainer, podNodeName } from './pod-container.ts';
import { parsePodLogOptions, validatePodLogOptions } from './pod-log-options.ts';
import type { PodLogOptions } from './pod-log-options.ts';

function kubeletLogOptions(options: PodLogOptions, container: string): LogOptions {
  const out: LogOptions = { container };
  if (options.follow) out.follow = true;
  if (options.previous) out.previous = true;
  if (options.timestamps) out.timestamps = true;
  if (options.tailLines !== undefined) out.tailLines = options.tailLines;
  if (options.sinceSeconds !== undefined) out.sinceSeconds = options.sinceSeconds;
  if (options.sinceTime !== undefined) out.sinceTime = options.sinceTime;
  if (options.limitBytes !== undefined) out.limitBytes = options.limitBytes;
  return out;
}

/** The kubelet's /containerLogs path for these options, query sorted as Go's url.Values encodes it. */
function containerLogsPath(namespace: string, pod: string, options: LogOptions): string {
  const query = new URLSearchParams();
  for (const key of [
    'follow',
    'previous',
    'timestamps',
    'sinceSeconds',
    'sinceTime',
    'tailLines',
    'limitBytes',
  ] as const) {
    const value = options[key];
    if (value !== undefined) query.set(key, String(value));
  }
  query.sort();
  const encoded = query.toString();
  return `/containerLogs/${namespace}/${pod}/${options.container}${encoded ? `?${encoded}` : ''}`;
}

export function podLogHandler(pods: ObjectGetter, nodes: ObjectGetter, kubelets: KubeletDirectory): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { namespace, name } = info;
    const options = parsePodLogOptions(req.query);
    validatePodLogOptions(name, options);
    const pod = await pods.get(namespace, name);
    const container = podContainer(pod, options.container);
    const nodeName = podNodeName(pod);
    if (!nodeName) return { kind: 'raw', status: 204, contentType: 'text/plain', body: '' };
    const endpoint = await kubeletEndpoint(nodes, nodeName);
    const logOptions = kubeletLogOptions(options, container);
    const kubelet = kubelets(nodeName);
    if (!kubelet) throw kubeletGetFailed(endpoint, containerLogsPath(namespace, name, logOptions));
    const stream = await kubelet.logs(namespace, name, logOptions);
    return { kind: 'stream', status: 200, contentType: 'text/plain', stream };
  };
}
