// The service load-balancer controller ("service-lb-controller", cloud-provider's controllers/service) with the lab
// as its cloud: a Service of type LoadBalancer gets the cleanup finalizer, then an address from the lab's pool in
// status.loadBalancer.ingress — with the events a cloud controller records (EnsuringLoadBalancer, EnsuredLoadBalancer;
// SyncLoadBalancerFailed when the pool is used up). When the Service stops being a LoadBalancer or is deleted, the
// address goes back to the pool, the status is cleared and the finalizer removed (DeletingLoadBalancer,
// DeletedLoadBalancer). Services with a spec.loadBalancerClass belong to another implementation and are left alone.

import type { KubeObject } from '../../api/object.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { objectKeyOf } from '../../client/indexer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import type { AddressPool } from './address-pool.ts';

export const LOAD_BALANCER_CLEANUP_FINALIZER = 'service.kubernetes.io/load-balancer-cleanup';
const SERVICES = { group: '', version: 'v1', resource: 'services' };

interface Service extends KubeObject {
  spec?: { type?: string; loadBalancerClass?: string; loadBalancerIP?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** wantsLoadBalancer: a LoadBalancer Service without a class of its own. */
function wantsLoadBalancer(service: Service): boolean {
  return service.spec?.type === 'LoadBalancer' && !service.spec.loadBalancerClass;
}

function ingressIPs(service: Service): string[] {
  return (service.status?.loadBalancer?.ingress ?? []).flatMap((i) => (i.ip ? [i.ip] : []));
}

export class ServiceLBController {
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly services: SharedInformer,
    private readonly recorder: EventRecorder,
    private readonly pool: AddressPool,
  ) {
    this.queue = new WorkQueue(clock, 'service');
    const enqueue = (obj: KubeObject) => this.queue.add(objectKeyOf(obj));
    services.addEventHandler({ onAdd: enqueue, onUpdate: (_old, obj) => enqueue(obj), onDelete: enqueue });
  }

  run(workers = 1): void {
    runWorkers(this.queue, workers, (key) => this.syncService(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private async syncService(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const cached = this.services.lister.get(namespace, name) as Service | undefined;
    if (!cached || this.isDone(cached)) return;
    // The cache may not have seen this controller's last write yet: decide on a fresh read.
    let service: Service;
    try {
      service = (await this.client.get(SERVICES, namespace, name)) as Service;
    } catch (error) {
      if (isStatusError(error, 'NotFound')) return;
      throw error;
    }
    if (this.isDone(service)) return;
    if (wantsLoadBalancer(service) && !service.metadata.deletionTimestamp) await this.ensure(service);
    else await this.cleanUp(service);
  }

  /** Whether the Service is as it should be: a load balancer with its finalizer and one pool address, or neither. */
  private isDone(service: Service): boolean {
    if (!wantsLoadBalancer(service) || service.metadata.deletionTimestamp) {
      return !this.hasFinalizer(service) && (service.status?.loadBalancer?.ingress ?? []).length === 0;
    }
    const [ip, ...more] = ingressIPs(service);
    const requested = service.spec?.loadBalancerIP;
    return (
      this.hasFinalizer(service) &&
      ip !== undefined &&
      more.length === 0 &&
      this.pool.contains(ip) &&
      (!requested || requested === ip)
    );
  }

  /** The address this Service should have: the one it has, the one it asks for, or the pool's first free one. */
  private addressFor(service: Service): string {
    const used = new Set<string>();
    for (const other of this.services.lister.list() as Service[]) {
      if (other.metadata.uid !== service.metadata.uid && wantsLoadBalancer(other)) {
        for (const ip of ingressIPs(other)) used.add(ip);
      }
    }
    const requested = service.spec?.loadBalancerIP;
    if (requested) {
      if (!this.pool.contains(requested)) {
        throw new Error(`requested ip ${requested} is not in the lab's pool ${this.pool.spec}`);
      }
      if (used.has(requested)) throw new Error(`requested ip ${requested} is already in use`);
      return requested;
    }
    const current = ingressIPs(service).find((ip) => this.pool.contains(ip) && !used.has(ip));
    const ip = current ?? this.pool.firstFree(used);
    if (!ip) throw new Error(`no addresses left in the lab's pool ${this.pool.spec}`);
    return ip;
  }

  private async ensure(service: Service): Promise<void> {
    let ip: string;
    try {
      ip = this.addressFor(service);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(
        service,
        'Warning',
        'SyncLoadBalancerFailed',
        `Error syncing load balancer: failed to ensure load balancer: ${message}`,
      );
      throw error;
    }
    const withFinalizer = await this.setFinalizer(service, true);
    this.recorder.event(service, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    await this.writeStatus(withFinalizer, [{ ip }]);
    this.recorder.event(service, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  private async cleanUp(service: Service): Promise<void> {
    const hasIngress = (service.status?.loadBalancer?.ingress ?? []).length > 0;
    this.recorder.event(service, 'Normal', 'DeletingLoadBalancer', 'Deleting load balancer');
    const cleared = hasIngress ? await this.writeStatus(service, []) : service;
    await this.setFinalizer(cleared, false);
    this.recorder.event(service, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer');
  }

  private hasFinalizer(service: Service): boolean {
    return (service.metadata.finalizers ?? []).includes(LOAD_BALANCER_CLEANUP_FINALIZER);
  }

  /** Adds or removes the cleanup finalizer, guarded by the resourceVersion the decision was made on. */
  private async setFinalizer(service: Service, present: boolean): Promise<Service> {
    if (this.hasFinalizer(service) === present) return service;
    const others = (service.metadata.finalizers ?? []).filter((f) => f !== LOAD_BALANCER_CLEANUP_FINALIZER);
    try {
      return (await this.client.patch(
        SERVICES,
        service.metadata.namespace ?? '',
        service.metadata.name ?? '',
        'merge',
        {
          metadata: {
            resourceVersion: service.metadata.resourceVersion,
            finalizers: present ? [...others, LOAD_BALANCER_CLEANUP_FINALIZER] : others.length ? others : null,
          },
        },
      )) as Service;
    } catch (error) {
      // A Service that is gone has nothing left to clean up.
      if (!present && isStatusError(error, 'NotFound')) return service;
      throw error;
    }
  }

  private async writeStatus(service: Service, ingress: { ip: string }[]): Promise<Service> {
    return (await this.client.patch(
      SERVICES,
      service.metadata.namespace ?? '',
      service.metadata.name ?? '',
      'merge',
      { metadata: { resourceVersion: service.metadata.resourceVersion }, status: { loadBalancer: { ingress } } },
      { subresource: 'status' },
    )) as Service;
  }
}
