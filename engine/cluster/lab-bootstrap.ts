// What a lab adds to a bare control plane before its nodes start: the lab API (the Clock and Fault CRDs, and the one
// Clock object), and the add-ons kubeadm installs — CoreDNS and kube-proxy with their ConfigMaps, Services and
// ServiceAccounts. Objects already stored (a restarted lab) are kept as they are.

import { parseApiVersion } from '../api/object.ts';
import type { KubeObject } from '../api/object.ts';
import type { InProcessClient } from '../client/in-process-client.ts';
import { resourcePath } from '../client/resource-path.ts';
import { initialClock, labResourceDefinitions } from '../lab/lab-resources.ts';
import type { ResourceRegistry } from '../apiserver/registry/resource-registry.ts';
import { ensure } from './bootstrap.ts';
import type { ClusterConfig } from './cluster-config.ts';
import { systemWorkloads } from './system-workloads.ts';

const CRDS = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
const CRD_SERVED_POLL_MS = 10;
const CRD_SERVED_TIMEOUT_MS = 10_000;

/** The collection path of an object's kind, from what the API server serves. */
function collectionPath(registry: ResourceRegistry, obj: KubeObject): string {
  const { group, version } = parseApiVersion(obj.apiVersion ?? '');
  const served = registry.all().find((s) => {
    const d = s.definition;
    return d.group === group && d.version === version && d.kind === obj.kind;
  });
  if (!served) throw new Error(`no resource serves ${obj.apiVersion} ${obj.kind}`);
  return resourcePath(served.definition, obj.metadata.namespace ?? '');
}

/** Waits (in real time: the CRD controller serves on its own schedule) until a kind is served. */
async function waitServed(registry: ResourceRegistry, obj: KubeObject): Promise<void> {
  const deadline = Date.now() + CRD_SERVED_TIMEOUT_MS;
  for (;;) {
    try {
      collectionPath(registry, obj);
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, CRD_SERVED_POLL_MS));
    }
  }
}

export async function bootstrapLab(
  client: InProcessClient,
  registry: ResourceRegistry,
  config: ClusterConfig,
): Promise<void> {
  for (const crd of labResourceDefinitions()) await ensure(client, resourcePath(CRDS), crd);
  const clock = initialClock();
  await waitServed(registry, clock);
  await ensure(client, collectionPath(registry, clock), clock);
  for (const obj of systemWorkloads(config)) await ensure(client, collectionPath(registry, obj), obj);
}
