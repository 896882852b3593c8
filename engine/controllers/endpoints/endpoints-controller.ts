// The Endpoints controller (pkg/controller/endpoint): every Service with a selector gets an Endpoints object of the
// same name listing its pods' addresses, ready and not ready, per port — labelled like the Service (plus
// service.kubernetes.io/headless for headless ones), annotated with the last change trigger time, and cut at 1000
// addresses with endpoints.kubernetes.io/over-capacity: truncated. Services without a selector are left to whoever
// writes their Endpoints; Endpoints whose Service is gone are deleted.

import { deepCopy } from '../../api/object.ts';
import type { KubeObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import { isStatusError } from '../../apiserver/errors/status-error.ts';
import type { EventRecorder } from '../../client/event-recorder.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import { controllerIndexedInformer } from '../common/controller-ref.ts';
import type { Controller, ControllerContext } from '../controller-context.ts';
import { namespaceTerminating } from '../endpointslice/reconciler.ts';
import { sameStringMap, semanticEqual } from '../endpointslice/semantic-equal.ts';
import {
  podServiceMemberships,
  selectorMatches,
  servicesToUpdateOnPodChange,
} from '../endpointslice/service-memberships.ts';
import { isServiceIPSet } from '../endpointslice/slice-builders.ts';
import { TriggerTimeTracker } from '../endpointslice/trigger-time-tracker.ts';
import type { EndpointPod, Service } from '../endpointslice/types.ts';
import {
  ANNOTATION_LAST_CHANGE_TRIGGER_TIME,
  ANNOTATION_LEADER_ELECTION,
  LABEL_HEADLESS_SERVICE,
} from '../endpointslice/types.ts';
import { capacityAnnotationSetCorrectly, serviceSubsets, truncateSubsets } from './subsets.ts';
import type { Endpoints } from './types.ts';
import { ANNOTATION_OVER_CAPACITY } from './types.ts';

export const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' };
const MAX_RETRIES = 15;
const WORKERS = 5;

const CORE = (resource: string) => ({ group: '', version: 'v1', resource });

export interface EndpointsInformers {
  pods: SharedInformer;
  services: SharedInformer;
  endpoints: SharedInformer;
}

export class EndpointsController {
  private readonly queue: WorkQueue;
  private readonly triggerTimes = new TriggerTimeTracker();
  /** Service key → the resourceVersion of Endpoints this controller has since replaced (staleEndpointsTracker). */
  private readonly staleVersions = new Map<string, string>();

  constructor(
    private readonly client: InProcessClient,
    clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly informers: EndpointsInformers,
  ) {
    this.queue = new WorkQueue(clock, 'endpoint');
    const services = informers.services.lister;
    informers.services.addEventHandler({
      onAdd: (svc) => this.enqueue(svc),
      onUpdate: (_old, svc) => this.enqueue(svc),
      onDelete: (svc) => this.enqueue(svc),
    });
    informers.pods.addEventHandler({
      onAdd: (pod) => this.enqueueAll(podServiceMemberships(services, pod as EndpointPod)),
      onUpdate: (old, pod) => this.enqueueAll(servicesToUpdateOnPodChange(services, old, pod)),
      onDelete: (pod) => this.enqueueAll(podServiceMemberships(services, pod as EndpointPod)),
    });
    informers.endpoints.addEventHandler({ onDelete: (ep) => this.enqueue(ep) });
  }

  run(workers = WORKERS): void {
    runWorkers(this.queue, workers, (key) => this.syncWithRetryBudget(key));
    this.checkLeftoverEndpoints();
  }

  stop(): void {
    this.queue.shutDown();
  }

  private enqueue(obj: KubeObject): void {
    this.queue.add(`${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`);
  }

  private enqueueAll(keys: Iterable<string>): void {
    for (const key of keys) this.queue.add(key);
  }

  /** Once at start: every Endpoints object is looked at, so those left behind by a deleted Service go away. */
  private checkLeftoverEndpoints(): void {
    for (const ep of this.informers.endpoints.lister.list()) {
      if (ep.metadata.annotations?.[ANNOTATION_LEADER_ELECTION] === undefined) this.enqueue(ep);
    }
  }

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
      try {
        await this.client.delete(ENDPOINTS, namespace, name);
      } catch (error) {
        if (!isStatusError(error, 'NotFound')) throw error;
      }
      this.triggerTimes.deleteService(namespace, name);
      this.staleVersions.delete(key);
      return;
    }
    if (service.spec?.type === 'ExternalName') return;
    const selector = service.spec?.selector;
    if (!selector) return;

    const pods = this.informers.pods.lister
      .namespace(namespace)
      .list((labels) => selectorMatches(selector, labels)) as EndpointPod[];
    // Computed even when nothing is written, so the tracker's state follows every sync.
    const triggerTime = this.triggerTimes.compute(namespace, service, pods);
    const { subsets } = serviceSubsets(service, pods);

    const cached = this.informers.endpoints.lister.get(namespace, name) as Endpoints | undefined;
    if (cached && this.staleVersions.get(key) === cached.metadata.resourceVersion) {
      throw new Error(
        `endpoints informer cache is out of date, resource version ${cached.metadata.resourceVersion} already processed for endpoints ${key}`,
      );
    }
    const current: Endpoints = cached ?? {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, labels: service.metadata.labels },
    };
    const create = !cached;
    const compareLabels = { ...current.metadata.labels };
    delete compareLabels[LABEL_HEADLESS_SERVICE];
    if (
      !create &&
      semanticEqual(current.subsets, subsets) &&
      sameStringMap(compareLabels, service.metadata.labels) &&
      capacityAnnotationSetCorrectly(current.metadata.annotations, current.subsets)
    ) {
      return;
    }

    const endpoints = deepCopy(current);
    endpoints.subsets = subsets;
    const annotations = { ...endpoints.metadata.annotations };
    if (triggerTime !== undefined) annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME] = rfc3339(triggerTime);
    else delete annotations[ANNOTATION_LAST_CHANGE_TRIGGER_TIME];
    if (truncateSubsets(subsets)) annotations[ANNOTATION_OVER_CAPACITY] = 'truncated';
    else delete annotations[ANNOTATION_OVER_CAPACITY];
    endpoints.metadata.annotations = annotations;
    const labels = { ...service.metadata.labels };
    if (isServiceIPSet(service)) delete labels[LABEL_HEADLESS_SERVICE];
    else labels[LABEL_HEADLESS_SERVICE] = '';
    endpoints.metadata.labels = labels;

    try {
      if (create) {
        await this.client.create(ENDPOINTS, namespace, endpoints);
      } else {
        const updated = await this.client.update(ENDPOINTS, endpoints);
        if (updated.metadata.resourceVersion !== current.metadata.resourceVersion) {
          this.staleVersions.set(key, current.metadata.resourceVersion ?? '');
        }
      }
    } catch (error) {
      if (create && namespaceTerminating(error)) return;
      const message = error instanceof Error ? error.message : String(error);
      if (create) {
        this.recorder.event(
          endpoints,
          'Warning',
          'FailedToCreateEndpoint',
          `Failed to create endpoint for service ${namespace}/${name}: ${message}`,
        );
      } else {
        this.recorder.event(
          endpoints,
          'Warning',
          'FailedToUpdateEndpoint',
          `Failed to update endpoint ${namespace}/${name}: ${message}`,
        );
      }
      throw error;
    }
  }
}

/** The Endpoints controller, built from the controller manager's context. */
export function endpointsController(ctx: ControllerContext): Controller {
  const controller = new EndpointsController(ctx.client, ctx.clock, ctx.recorder('endpoint-controller'), {
    // Pods come from the informer the workload controllers index by controller (whoever asks first builds it).
    pods: controllerIndexedInformer(ctx.informers, CORE('pods')),
    services: ctx.informers.informerFor(CORE('services')),
    endpoints: ctx.informers.informerFor(CORE('endpoints')),
  });
  return { name: 'endpoints-controller', run: () => controller.run(), stop: () => controller.stop() };
}
