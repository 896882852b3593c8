// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every namespace holds a
// ConfigMap "kube-root-ca.crt" with the cluster CA under "ca.crt", so pods can verify the API server. It is created
// with the namespace, created again if deleted, and rewritten if someone changes its data or description.

import { deepEqual } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { deepCopy } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';

export const ROOT_CA_CONFIG_MAP_NAME = 'kube-root-ca.crt';
export const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
export const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the ' +
  'internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes ' +
  'clusters.';

const CONFIG_MAPS = { group: '', version: 'v1', resource: 'configmaps' };

export class RootCACertPublisher {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly rootCAPem: string,
    namespaces: SharedInformer,
    private readonly configMaps: SharedInformer,
  ) {
    this.queue = new WorkQueue(clock, 'root_ca_cert_publisher');
    configMaps.addEventHandler({
      onUpdate: (_old, cm) => this.enqueueConfigMap(cm),
      onDelete: (cm) => this.enqueueConfigMap(cm),
    });
    namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata.name!),
      onUpdate: (_old, ns) => {
        if ((ns['status'] as { phase?: string } | undefined)?.phase === 'Active') this.queue.add(ns.metadata.name!);
      },
    });
  }

  run(workers = 1): void {
    runWorkers(this.queue, workers, (namespace) => this.syncNamespace(namespace));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueueConfigMap(cm: KubeObject): void {
    if (cm.metadata.name === ROOT_CA_CONFIG_MAP_NAME && cm.metadata.namespace) this.queue.add(cm.metadata.namespace);
  }

  private async syncNamespace(namespace: string): Promise<void> {
    const data = { 'ca.crt': this.rootCAPem };
    const cached = this.configMaps.lister.get(namespace, ROOT_CA_CONFIG_MAP_NAME);
    if (!cached) {
      const cm: KubeObject = {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: ROOT_CA_CONFIG_MAP_NAME, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } },
        data,
      };
      try {
        await this.client.create(CONFIG_MAPS, namespace, cm);
      } catch (error) {
        // No retry when the namespace is gone or terminating.
        if (isStatusError(error, 'NotFound') || namespaceTerminating(error)) return;
        throw error;
      }
      return;
    }
    if (deepEqual(cached['data'], data) && cached.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
    const cm = deepCopy(cached);
    cm['data'] = data;
    cm.metadata.annotations = { ...cm.metadata.annotations, [DESCRIPTION_ANNOTATION]: DESCRIPTION };
    await this.client.update(CONFIG_MAPS, cm);
  }
}

function namespaceTerminating(error: unknown): boolean {
  return (
    isStatusError(error) &&
    (error.status.details?.causes ?? []).some((cause) => cause.reason === 'NamespaceTerminating')
  );
}
