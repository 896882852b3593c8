// The EndpointSlice mirroring controller (pkg/controller/endpointslicemirroring): Services without a selector get
// their endpoints from Endpoints objects someone writes by hand; this controller mirrors those into EndpointSlices
// (managed-by endpointslicemirroring-controller.k8s.io), so consumers of slices see them too. Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror (the `kubernetes` Service's) or written by leader election are skipped.

import type { KubeObject } from '../../../api/object.ts';
import type { EventRecorder } from '../../../client/event-recorder.ts';
import type { InProcessClient } from '../../../client/in-process-client.ts';
import type { SharedInformer } from '../../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../../client/workqueue.ts';
import type { Clock } from '../../../lab/clock.ts';
import type { Controller, ControllerContext } from '../../controller-context.ts';
import type { Endpoints } from '../../endpoints/types.ts';
import { EndpointSliceTracker } from '../endpointslice-tracker.ts';
import type { EndpointSlice, Service } from '../types.ts';
import { ANNOTATION_LEADER_ELECTION, LABEL_MANAGED_BY, LABEL_SERVICE_NAME, LABEL_SKIP_MIRROR } from '../types.ts';
import { MIRRORING_CONTROLLER_NAME, MirroringReconciler } from './mirroring-reconciler.ts';

/** --mirroring-max-endpoints-per-subset */
const MAX_ENDPOINTS_PER_SUBSET = 1000;
const MAX_RETRIES = 15;
const WORKERS = 5;

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });

export interface MirroringInformers {
  endpoints: SharedInformer;
  endpointSlices: SharedInformer;
  services: SharedInformer;
}

function shouldMirror(endpoints: KubeObject): boolean {
  return (
    endpoints.metadata.labels?.[LABEL_SKIP_MIRROR] !== 'true' &&
    endpoints.metadata.annotations?.[ANNOTATION_LEADER_ELECTION] === undefined
  );
}

function managedByMe(slice: KubeObject): boolean {
  return slice.metadata.labels?.[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME;
}

function hasSelector(service: KubeObject): boolean {
  return !!(service as Service).spec?.selector;
}

export class EndpointSliceMirroringController {
  private readonly queue: WorkQueue;
  private readonly tracker = new EndpointSliceTracker();
  private readonly reconciler: MirroringReconciler;

  constructor(
    client: InProcessClient,
    clock: Clock,
    recorder: EventRecorder,
    private readonly informers: MirroringInformers,
  ) {
    this.queue = new WorkQueue(clock, 'endpoint_slice_mirroring', { baseDelayMs: 1000, maxDelayMs: 100_000 });
    this.reconciler = new MirroringReconciler(client, this.tracker, recorder, MAX_ENDPOINTS_PER_SUBSET);
    informers.endpoints.addEventHandler({
      onAdd: (ep) => {
        if (shouldMirror(ep)) this.enqueue(ep);
      },
      onUpdate: (old, ep) => {
        if (shouldMirror(ep) || shouldMirror(old)) this.enqueue(ep);
      },
      onDelete: (ep) => {
        if (shouldMirror(ep)) this.enqueue(ep);
      },
    });
    informers.services.addEventHandler({
      onAdd: (svc) => {
        if (!hasSelector(svc)) this.enqueue(svc);
      },
      onUpdate: (old, svc) => {
        if (hasSelector(old) !== hasSelector(svc)) this.enqueue(svc);
      },
      onDelete: (svc) => {
        if (!hasSelector(svc)) this.enqueue(svc);
      },
    });
    informers.endpointSlices.addEventHandler({
      onAdd: (slice) => {
        if (managedByMe(slice) && this.tracker.shouldSync(slice as EndpointSlice)) this.enqueueForSlice(slice);
      },
      onUpdate: (old, slice) => {
        if (old.metadata.labels?.[LABEL_SERVICE_NAME] !== slice.metadata.labels?.[LABEL_SERVICE_NAME]) {
          this.enqueueForSlice(slice);
          this.enqueueForSlice(old);
          return;
        }
        const managedByChanged = managedByMe(old) !== managedByMe(slice);
        if (managedByChanged || (managedByMe(slice) && this.tracker.shouldSync(slice as EndpointSlice))) {
          this.enqueueForSlice(slice);
        }
      },
      onDelete: (slice) => {
        const s = slice as EndpointSlice;
        if (managedByMe(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.enqueueForSlice(s);
      },
    });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, async (key) => {
      try {
        await this.syncEndpoints(key);
      } catch (error) {
        if (this.queue.numRequeues(key) < MAX_RETRIES) throw error;
      }
    });
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueue(obj: KubeObject): void {
    this.queue.add(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  }

  private enqueueForSlice(slice: KubeObject): void {
    const service = slice.metadata.labels?.[LABEL_SERVICE_NAME];
    if (service) this.queue.add(`${slice.metadata.namespace ?? ''}/${service}`);
  }

  private mirroredSlices(namespace: string, name: string): EndpointSlice[] {
    return this.informers.endpointSlices.lister
      .namespace(namespace)
      .list(
        (labels) => labels?.[LABEL_SERVICE_NAME] === name && labels[LABEL_MANAGED_BY] === MIRRORING_CONTROLLER_NAME,
      ) as EndpointSlice[];
  }

  private async deleteMirroredSlices(namespace: string, name: string): Promise<void> {
    this.tracker.deleteService(namespace, name);
    await this.reconciler.deleteSlices(namespace, name, this.mirroredSlices(namespace, name));
  }

  private async syncEndpoints(key: string): Promise<void> {
    const [namespace = '', name = ''] = key.split('/');
    const endpoints = this.informers.endpoints.lister.get(namespace, name) as Endpoints | undefined;
    if (!endpoints || !shouldMirror(endpoints)) return this.deleteMirroredSlices(namespace, name);
    const service = this.informers.services.lister.get(namespace, name) as Service | undefined;
    if (!service || hasSelector(service)) return this.deleteMirroredSlices(namespace, name);
    const slices = this.mirroredSlices(namespace, name);
    if (this.tracker.staleSlices(namespace, name, service.metadata.uid, slices)) {
      throw new Error('EndpointSlice informer cache is out of date');
    }
    await this.reconciler.reconcile(endpoints, slices);
  }
}

/** The EndpointSlice mirroring controller, built from the controller manager's context. */
export function endpointSliceMirroringController(ctx: ControllerContext): Controller {
  const controller = new EndpointSliceMirroringController(
    ctx.client,
    ctx.clock,
    ctx.recorder('endpoint-slice-mirroring-controller'),
    {
      endpoints: ctx.informers.informerFor(CORE('endpoints')),
      endpointSlices: ctx.informers.informerFor({
        group: 'discovery.k8s.io',
        version: 'v1',
        resource: 'endpointslices',
      }),
      services: ctx.informers.informerFor(CORE('services')),
    },
  );
  return { name: 'endpointslice-mirroring-controller', run: () => controller.run(), stop: () => controller.stop() };
}
