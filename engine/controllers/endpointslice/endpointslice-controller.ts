// The EndpointSlice controller (pkg/controller/endpointslice): for every Service with a selector, EndpointSlices
// listing its pods — at most 100 endpoints each, one group per address type and set of ports, each endpoint with its
// ready/serving/terminating conditions, node, zone and pod reference — labelled kubernetes.io/service-name and
// managed-by endpointslice-controller.k8s.io. Pod, Service and slice events only queue Service keys.

import type { KubeObject } from '../../api/object.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { EndpointSliceTracker } from './endpointslice-tracker.ts';
import { Reconciler } from './reconciler.ts';
import { podServiceMemberships, servicesToUpdateOnPodChange, selectorMatches } from './service-memberships.ts';
import { TriggerTimeTracker } from './trigger-time-tracker.ts';
import type { EndpointPod, EndpointSlice, Service } from './types.ts';
import { LABEL_MANAGED_BY, LABEL_SERVICE_NAME } from './types.ts';

export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
const MAX_ENDPOINTS_PER_SLICE = 100;
/** A slice changed by someone else is looked at after at least this long (endpointSliceChangeMinSyncDelay). */
const SLICE_CHANGE_MIN_SYNC_DELAY_MS = 1000;
const MAX_RETRIES = 15;
const WORKERS = 5;

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });

export interface EndpointSliceInformers {
  pods: SharedInformer;
  services: SharedInformer;
  nodes: SharedInformer;
  endpointSlices: SharedInformer;
}

export class EndpointSliceController {
  private readonly queue: WorkQueue;
  private readonly tracker = new EndpointSliceTracker();
  private readonly triggerTimes = new TriggerTimeTracker();
  private readonly reconciler: Reconciler;

  constructor(
    client: InProcessClient,
    clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly informers: EndpointSliceInformers,
  ) {
    this.queue = new WorkQueue(clock, 'endpoint_slice', { baseDelayMs: 1000, maxDelayMs: 1_000_000 });
    this.reconciler = new Reconciler(client, informers.nodes.lister, this.tracker, {
      maxEndpointsPerSlice: MAX_ENDPOINTS_PER_SLICE,
      controllerName: ENDPOINTSLICE_CONTROLLER_NAME,
    });
    const services = informers.services.lister;
    informers.services.addEventHandler({
      onAdd: (svc) => this.enqueueObject(svc),
      onUpdate: (_old, svc) => this.enqueueObject(svc),
      onDelete: (svc) => this.enqueueObject(svc),
    });
    informers.pods.addEventHandler({
      onAdd: (pod) => this.enqueueAll(podServiceMemberships(services, pod as EndpointPod)),
      onUpdate: (old, pod) => this.enqueueAll(servicesToUpdateOnPodChange(services, old, pod)),
      onDelete: (pod) => this.enqueueAll(podServiceMemberships(services, pod as EndpointPod)),
    });
    informers.endpointSlices.addEventHandler({
      onAdd: (slice) => this.onSliceAdd(slice as EndpointSlice),
      onUpdate: (old, slice) => this.onSliceUpdate(old as EndpointSlice, slice as EndpointSlice),
      onDelete: (slice) => this.onSliceDelete(slice as EndpointSlice),
    });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, (key) => this.syncWithRetryBudget(key));
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueueObject(obj: KubeObject): void {
    this.queue.add(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  }

  private enqueueAll(keys: Iterable<string>): void {
    for (const key of keys) this.queue.add(key);
  }

  private managedByMe(slice: EndpointSlice): boolean {
    return slice.metadata.labels?.[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME;
  }

  private queueServiceForSlice(slice: EndpointSlice): void {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (!service) return;
    this.queue.addAfter(`${slice.metadata.namespace ?? ''}/${service}`, SLICE_CHANGE_MIN_SYNC_DELAY_MS);
  }

  private onSliceAdd(slice: EndpointSlice): void {
    if (this.managedByMe(slice) && this.tracker.shouldSync(slice)) this.queueServiceForSlice(slice);
  }

  private onSliceUpdate(old: EndpointSlice, slice: EndpointSlice): void {
    if (old.metadata.labels?.[LABEL_SERVICE_NAME] !== slice.metadata.labels?.[LABEL_SERVICE_NAME]) {
      this.queueServiceForSlice(old);
      this.queueServiceForSlice(slice);
      return;
    }
    const managedByChanged = this.managedByMe(old) !== this.managedByMe(slice);
    if (managedByChanged || (this.managedByMe(slice) && this.tracker.shouldSync(slice))) {
      this.queueServiceForSlice(slice);
    }
  }

  private onSliceDelete(slice: EndpointSlice): void {
    if (this.managedByMe(slice) && this.tracker.has(slice) && !this.tracker.handleDeletion(slice)) {
      this.queueServiceForSlice(slice);
    }
  }

  /** Retries a failing Service up to 15 times, then drops it until its next event, as upstream. */
  private async syncWithRetryBudget(key: string): Promise<void> {
    try {
      await this.syncService(key);
    } catch (error) {
      if (this.queue.numRequeues(key) < MAX_RETRIES) throw error;
    }
  }

  private async syncService(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const service = this.informers.services.lister.get(namespace, name) as Service | undefined;
    if (!service) {
      this.triggerTimes.deleteService(namespace, name);
      this.tracker.deleteService(namespace, name);
      // The slices go with the Service: the garbage collector follows their owner references.
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = service.spec?.selector;
    if (!selector) return;

    const pods = this.informers.pods.lister
      .namespace(namespace)
      .list((labels) => selectorMatches(selector, labels)) as EndpointPod[];
    const slices = (
      this.informers.endpointSlices.lister
        .namespace(namespace)
        .list(
          (labels) =>
            labels?.[LABEL_SERVICE_NAME] === name && labels[LABEL_MANAGED_BY] === ENDPOINTSLICE_CONTROLLER_NAME,
        ) as EndpointSlice[]
    ).filter((slice) => !slice.metadata.deletionTimestamp);
    if (this.tracker.staleSlices(namespace, name, service.metadata.uid, slices)) {
      throw new Error('EndpointSlice informer cache is out of date');
    }
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    try {
      await this.reconciler.reconcile(service, pods, slices, triggerTime);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.recorder.event(
        service,
        'Warning',
        'FailedToUpdateEndpointSlices',
        `Error updating Endpoint Slices for Service ${namespace}/${name}: ${message}`,
      );
      throw error;
    }
  }
}

/** The EndpointSlice controller, built from the controller manager's context. */
export function endpointSliceController(ctx: ControllerContext): Controller {
  const controller = new EndpointSliceController(ctx.client, ctx.clock, ctx.recorder('endpoint-slice-controller'), {
    // Pods come from the informer the workload controllers index by controller (whoever asks first builds it).
    pods: controllerIndexedInformer(ctx.informers, CORE('pods')),
    services: ctx.informers.informerFor(CORE('services')),
    nodes: ctx.informers.informerFor(CORE('nodes')),
    endpointSlices: ctx.informers.informerFor({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' }),
  });
  return { name: 'endpointslice-controller', run: () => controller.run(), stop: () => controller.stop() };
}
