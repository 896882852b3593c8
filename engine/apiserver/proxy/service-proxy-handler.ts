// …/services/<[scheme:]name[:port]>/proxy/<path>: the Service read, a ready endpoint of the port chosen from its
// EndpointSlices, and the request proxied to that pod.

import type { ApiResponse } from '../endpoints/api-request.ts';
import type { ResourceStore } from '../registry/generic/resource-store.ts';
import type { ResourceHandler } from '../registry/served-resource.ts';
import type { PodDialer } from './pod-dialer.ts';
import { proxyRoundTrip } from './proxy-round-trip.ts';
import { proxyPath, splitSchemeNamePort } from './proxy-target.ts';
import { serviceEndpoint, servicePortName } from './service-endpoint.ts';

export interface ServiceProxyStores {
  services: Pick<ResourceStore, 'get'>;
  endpointSlices: Pick<ResourceStore, 'list'>;
  pods: Pick<ResourceStore, 'get'>;
}

export function serviceProxyHandler(stores: ServiceProxyStores, dial: PodDialer): ResourceHandler {
  return async ({ req, info }): Promise<ApiResponse> => {
    const { name, port } = splitSchemeNamePort(info.name, 'service');
    const service = await stores.services.get(info.namespace, name);
    const portName = servicePortName(service, port);
    const destination = await serviceEndpoint(service, portName, stores.endpointSlices, stores.pods);
    return proxyRoundTrip(dial, destination, req, proxyPath(req.path) ?? '');
  };
}
