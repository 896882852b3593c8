// The objects the API server creates for itself when a cluster starts, as kube-apiserver's bootstrap controllers
// do: the system namespaces, the `kubernetes` Service in default with its endpoints, and the system priority classes.
// On a restart, the objects already stored are kept as they are.

import type { KubeObject } from '../api/object.ts';
import { isStatusError } from '../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { kubernetesServiceIP } from './cluster-config.ts';

const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * Creates an object unless it exists. Looks first, as kube-apiserver's bootstrap controller does: creating the
 * `kubernetes` Service again on a restart would fail on its cluster IP (already allocated to the stored Service)
 * before the store could answer AlreadyExists.
 */
export async function ensure(client: InProcessClient, path: string, obj: KubeObject): Promise<void> {
  try {
    await client.request('GET', `${path}/${obj.metadata.name}`);
    return;
  } catch (error) {
    if (!isStatusError(error, 'NotFound')) throw error;
  }
  try {
    await client.request('POST', path, { body: obj, query: { fieldManager: 'kube-apiserver' } });
  } catch (error) {
    if (!isStatusError(error, 'AlreadyExists')) throw error;
  }
}

export async function bootstrapCluster(client: InProcessClient, config: ClusterConfig): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    await ensure(client, '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  const httpsPort = { name: 'https', port: config.securePort, protocol: 'TCP' };
  await ensure(client, '/api/v1/namespaces/default/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: {
      type: 'ClusterIP',
      clusterIP: kubernetesServiceIP(config),
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: config.securePort }],
      sessionAffinity: 'None',
    },
  });
  await ensure(client, '/api/v1/namespaces/default/endpoints', {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [{ addresses: [{ ip: config.advertiseAddress }], ports: [httpsPort] }],
  });
  await ensure(client, '/apis/discovery.k8s.io/v1/namespaces/default/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [config.advertiseAddress], conditions: { ready: true } }],
    ports: [httpsPort],
  });
  for (const [name, value, description] of [
    [
      'system-node-critical',
      2000001000,
      'Used for system critical pods that must not be moved from their current node.',
    ],
    [
      'system-cluster-critical',
      2000000000,
      'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    ],
  ] as const) {
    await ensure(client, '/apis/scheduling.k8s.io/v1/priorityclasses', {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name },
      value,
      description,
      preemptionPolicy: 'PreemptLowerPriority',
    });
  }
}
