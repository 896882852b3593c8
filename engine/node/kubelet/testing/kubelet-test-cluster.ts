// Test support for the kubelet's integration tests: an in-process cluster on a paused lab clock (no scheduler, so
// tests bind pods with spec.nodeName themselves), kubelets acting as system:node:<name> on the test image catalogue,
// and helpers that create pods and move the lab clock until the API shows what a test waits for.

import type { KubeObject } from '../../../api/object.ts';
import { WorkloadTestCluster } from '../../../controllers/common/workload-test-cluster.ts';
import type { WaitOptions } from '../../../controllers/common/workload-test-cluster.ts';
import { Kubelet } from '../kubelet.ts';
import type { KubeletOptions } from '../kubelet-options.ts';
import type { PodStatus } from '../pod-types.ts';
import { testImages } from './test-image.ts';

export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const EVENTS = { group: '', version: 'v1', resource: 'events' };
export const LEASES = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

export const KUBELET_USER_AGENT = 'kubelet/v1.32.4 (linux/amd64) kubernetes/59526cd';

export class KubeletTestCluster {
  private readonly kubelets: Kubelet[] = [];

  private constructor(readonly kit: WorkloadTestCluster) {}

  static async start(): Promise<KubeletTestCluster> {
    return new KubeletTestCluster(await WorkloadTestCluster.start());
  }

  get clock() {
    return this.kit.clock;
  }

  get client() {
    return this.kit.client;
  }

  /** A kubelet for `nodeName` (not started), with the test images and a pod CIDR of its own. */
  kubelet(nodeName = 'node-1', options: Partial<KubeletOptions> = {}): Kubelet {
    const index = this.kubelets.length + 1;
    const kubelet = new Kubelet({
      client: this.kit.cluster.clientFor(
        { username: `system:node:${nodeName}`, groups: ['system:nodes', 'system:authenticated', 'system:masters'] },
        KUBELET_USER_AGENT,
      ),
      clock: this.clock,
      nodeName,
      nodeIP: `172.18.0.${index + 1}`,
      images: testImages,
      capacity: { cpu: '4', memory: '8Gi', pods: 110, 'ephemeral-storage': '100Gi' },
      podCIDR: `10.244.${index}.0/24`,
      clusterDNS: ['10.96.0.10'],
      eventRecordQPS: 0,
      ...options,
    });
    this.kubelets.push(kubelet);
    return kubelet;
  }

  async close(): Promise<void> {
    for (const kubelet of this.kubelets) await kubelet.stop();
    await this.kit.close();
  }

  /** Creates a pod bound to `nodeName` from its spec. */
  createPod(name: string, spec: Record<string, unknown>, nodeName = 'node-1'): Promise<KubeObject> {
    return this.client.create(PODS, 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { nodeName, ...spec },
    });
  }

  pod(name: string, namespace = 'default'): Promise<KubeObject | undefined> {
    return this.kit.getOrUndefined(PODS, namespace, name);
  }

  /** Moves the lab clock until the pod's status satisfies `check`; returns the pod. */
  async podUntil(
    name: string,
    check: (status: PodStatus, pod: KubeObject) => boolean,
    what: string,
    options?: WaitOptions,
  ): Promise<KubeObject> {
    return this.kit.eventually(
      async () => {
        const pod = await this.pod(name);
        return pod && check((pod['status'] ?? {}) as PodStatus, pod) ? pod : undefined;
      },
      `pod ${name}: ${what}`,
      options,
    );
  }

  /** Moves the lab clock until the pod is gone from the API. */
  async podGone(name: string, options?: WaitOptions): Promise<void> {
    await this.kit.eventually(async () => ((await this.pod(name)) ? undefined : true), `pod ${name} is gone`, options);
  }

  advance(ms: number, stepMs?: number): Promise<void> {
    return this.kit.advance(ms, stepMs);
  }

  eventsFor(name: string, namespace = 'default'): Promise<{ reason: string; message: string }[]> {
    return this.kit.eventsFor(name, namespace);
  }
}
