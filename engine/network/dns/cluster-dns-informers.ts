// Cluster DNS wired to the engine's shared informers, as CoreDNS's kubernetes plugin starts its watches: Services,
// EndpointSlices and Namespaces always, Pods only in `pods verified` mode. Informer events keep the index current;
// until every informer has synced, names that are not found are SERVFAIL. NS answers name the kube-dns Service,
// whose ready endpoints are the CoreDNS pods.

import type { KubeObject } from '../../api/object.ts';
import type { InformerFactory } from '../../client/informer-factory.ts';
import type { SharedInformer } from '../../client/informer.ts';
import type { Clock } from '../../lab/clock.ts';
import { ClusterDnsIndex } from './cluster-dns-index.ts';
import type { CoreDnsServerOptions } from './coredns-server.ts';
import { CoreDnsServer } from './coredns-server.ts';

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });
const ENDPOINT_SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const KUBE_DNS = { name: 'kube-dns', namespace: 'kube-system' };

export interface ClusterDns {
  index: ClusterDnsIndex;
  server: CoreDnsServer;
}

/** The CoreDNS server of a cluster, fed by `informers` (start them as usual; this only registers handlers). */
export function clusterDnsFromInformers(
  informers: InformerFactory,
  clock: Clock,
  options: CoreDnsServerOptions = {},
): ClusterDns {
  const index = new ClusterDnsIndex(() => clock.now());
  const watched: SharedInformer[] = [];
  const watch = (informer: SharedInformer, set: (o: KubeObject) => void, remove: (o: KubeObject) => void) => {
    watched.push(informer);
    informer.addEventHandler({ onAdd: set, onUpdate: (_old, obj) => set(obj), onDelete: remove });
  };
  watch(
    informers.informerFor(CORE('services')),
    (o) => index.setService(o),
    (o) => index.removeService(o),
  );
  watch(
    informers.informerFor(ENDPOINT_SLICES),
    (o) => index.setEndpointSlice(o),
    (o) => index.removeEndpointSlice(o),
  );
  watch(
    informers.informerFor(CORE('namespaces')),
    (o) => index.setNamespace(o),
    (o) => index.removeNamespace(o),
  );
  if (options.kubernetes?.pods === 'verified') {
    watch(
      informers.informerFor(CORE('pods')),
      (o) => index.setPod(o),
      (o) => index.removePod(o),
    );
  }
  const server = new CoreDnsServer(index, {
    ...options,
    kubernetes: {
      hasSynced: () => watched.every((informer) => informer.hasSynced),
      localIPs: () => index.endpointsOf(KUBE_DNS.name, KUBE_DNS.namespace).flatMap((e) => e.addresses.map((a) => a.ip)),
      ...options.kubernetes,
    },
  });
  return { index, server };
}
