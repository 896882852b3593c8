// …/pods/<[scheme:]name[:port]>/proxy/<path> (pkg/registry/core/pod's ResourceLocation): the pod read, its port the
// one named or else the first port its containers declare (none: the scheme's default), its IP required to be a
// unicast address, and the request proxied there.

import type { KubeObject } from '../../api/object.ts';
import type { ApiResponse } from '../endpoints/api-request.ts';
import { badRequest } from '../errors/status-error.ts';
import type { ObjectGetter } from '../podstreams/object-getter.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import type { PodDialer } from './pod-dialer.ts';
import { proxyRoundTrip } from './proxy-round-trip.ts';
import { proxyPath, splitSchemeNamePort } from './proxy-target.ts';

interface PodShape {
  spec?: { containers?: { ports?: { containerPort?: number }[] }[] };
  status?: { podIP?: string };
}

/** The first port any container of the pod declares, as a string ('' when none does). */
export function firstContainerPort(pod: KubeObject): string {
  for (const container of (pod as PodShape).spec?.containers ?? []) {
    const port = container.ports?.[0]?.containerPort;
    if (port !== undefined) return String(port);
  }
  return '';
}

export function podProxyHandler(pods: ObjectGetter, dial: PodDialer): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { scheme, name, port } = splitSchemeNamePort(info.name, 'pod');
    const pod = await pods.get(info.namespace, name);
    const ip = (pod as PodShape).status?.podIP ?? '';
    if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || ip.startsWith('127.') || ip === '0.0.0.0') {
      throw badRequest('address not allowed');
    }
    const chosen = port || firstContainerPort(pod) || (scheme === 'https' ? '443' : '80');
    return proxyRoundTrip(dial, { pod, ip, port: chosen }, req, proxyPath(req.path) ?? '');
  };
}
