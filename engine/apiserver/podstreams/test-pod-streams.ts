// Test support: pods and nodes held in memory as the handlers read them, a kubelet that records what it is asked, and
// requests for a pod's sub-resources as the pipeline hands them to a handler.

import { Readable } from 'node:stream';
import type { KubeObject } from '../../api/object.ts';
import { VirtualClock } from '../../lab/clock.ts';
import type { KubeletApi, LogOptions, PodPortForwarder, StreamSession } from '../../node/kubelet-api.ts';
import { notFound } from '../errors/status-error.ts';
import type { ResourceRequest } from '../registry/served-resource.ts';
import type { ObjectGetter } from './object-getter.ts';

export function objects(resource: string, items: KubeObject[]): ObjectGetter {
  return {
    get: async (namespace, name) => {
      const found = items.find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === namespace);
      if (!found) throw notFound({ group: '', resource }, name);
      return found;
    },
  };
}

export function pod(name: string, containers: string[], nodeName?: string): KubeObject {
  return {
    metadata: { name, namespace: 'default' },
    spec: { ...(nodeName ? { nodeName } : {}), containers: containers.map((c) => ({ name: c })) },
  };
}

export function node(name: string, addresses: { type: string; address: string }[], port?: number): KubeObject {
  return {
    metadata: { name },
    status: { addresses, ...(port ? { daemonEndpoints: { kubeletEndpoint: { Port: port } } } : {}) },
  };
}

/** A kubelet whose logs are one line, recording the log requests; its sessions (started on upgrade) never start. */
export class RecordingKubelet implements KubeletApi {
  readonly calls: { pod: string; options: LogOptions }[] = [];

  async logs(_namespace: string, pod: string, options: LogOptions): Promise<Readable> {
    this.calls.push({ pod, options });
    return Readable.from(['a line\n']);
  }

  exec(): Promise<StreamSession> {
    return Promise.reject(new Error('no sessions here'));
  }

  attach(): Promise<StreamSession> {
    return Promise.reject(new Error('no sessions here'));
  }

  portForward(): Promise<PodPortForwarder> {
    return Promise.reject(new Error('no forwarding here'));
  }
}

/** A request for …/namespaces/default/pods/<name>/<subresource>?<query>. */
export function subresourceRequest(
  subresource: string,
  name: string,
  query: string,
  headers: Record<string, string> = {},
): ResourceRequest {
  const path = `/api/v1/namespaces/default/pods/${name}/${subresource}`;
  return {
    req: { method: 'GET', path, query: new URLSearchParams(query), headers },
    info: {
      isResourceRequest: true,
      path,
      verb: 'get',
      apiPrefix: 'api',
      apiGroup: '',
      apiVersion: 'v1',
      namespace: 'default',
      resource: 'pods',
      subresource,
      name,
      parts: ['pods', name, subresource],
    },
    user: { username: 'tester', groups: ['system:authenticated'] },
    clock: new VirtualClock(0),
  };
}
