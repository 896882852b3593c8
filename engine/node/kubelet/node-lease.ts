// The node's heartbeat Lease in kube-node-lease, as kubelet's node lease controller keeps it: created (owned by
// the Node) when missing, renewed with a new renewTime by updating the Lease last written — no read before each
// renewal —, read again only when an update fails.

import { rfc3339Micro } from '../../api/json.ts';
import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { Clock } from '../../lab/clock.ts';

export const LEASE_DURATION_SECONDS = 40;
/** renewInterval = 0.25 × leaseDuration, as kubelet's. */
export const LEASE_RENEW_INTERVAL_MS = 10_000;
const LEASE_NAMESPACE = 'kube-node-lease';

export class NodeLease {
  private latest: KubeObject | undefined;
  private renewing = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly nodeName: string,
    /** The Node's UID once known, for the owner reference. */
    private readonly nodeUid: () => string | undefined,
  ) {}

  private get path(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${LEASE_NAMESPACE}/leases`;
  }

  /** Renews the lease (creating it when needed); failures are retried at the next renewal. */
  async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      if (!this.latest) {
        this.latest = await this.ensure();
        return;
      }
      const lease = this.withRenewTime(this.latest);
      this.latest = (await this.client.request('PUT', `${this.path}/${this.nodeName}`, { body: lease })) as KubeObject;
    } catch {
      this.latest = undefined;
    } finally {
      this.renewing = false;
    }
  }

  /** Forgets the lease last written (the kubelet restarts). */
  reset(): void {
    this.latest = undefined;
  }

  private async ensure(): Promise<KubeObject | undefined> {
    try {
      const existing = (await this.client.request('GET', `${this.path}/${this.nodeName}`)) as KubeObject;
      return (await this.client.request('PUT', `${this.path}/${this.nodeName}`, {
        body: this.withRenewTime(existing),
      })) as KubeObject;
    } catch (error) {
      if (!isStatusError(error, 'NotFound')) throw error;
    }
    const uid = this.nodeUid();
    const lease: KubeObject = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.nodeName,
        namespace: LEASE_NAMESPACE,
        ownerReferences: uid ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid }] : undefined,
      },
      spec: {
        holderIdentity: this.nodeName,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime: rfc3339Micro(this.clock.now()),
      },
    };
    if (!uid) delete lease.metadata.ownerReferences;
    return (await this.client.request('POST', this.path, { body: lease })) as KubeObject;
  }

  private withRenewTime(lease: KubeObject): KubeObject {
    const spec = (lease['spec'] ?? {}) as Record<string, unknown>;
    const uid = this.nodeUid();
    const metadata =
      uid && !lease.metadata.ownerReferences?.length
        ? { ...lease.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid }] }
        : lease.metadata;
    return {
      ...lease,
      metadata,
      spec: {
        ...spec,
        holderIdentity: this.nodeName,
        leaseDurationSeconds: LEASE_DURATION_SECONDS,
        renewTime: rfc3339Micro(this.clock.now()),
      },
    };
  }
}
