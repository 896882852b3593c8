// The garbage collector's monitors (graph_builder.go's syncMonitors / startMonitors): one informer per resource that
// can be listed, watched and deleted, each turning what it observes into graph changes. Discovery decides the set;
// resources that appear (a new CRD) get a monitor, resources that disappear lose theirs.

import { apiVersionOf } from '../../api/object.ts';
import type { DiscoveredResource } from '../../client/discovery.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import { SharedInformer } from '../../client/informer.ts';
import type { Clock } from '../../lab/clock.ts';
import type { GraphEvent } from './graph-changes.ts';

/** Events are never owners or dependents worth collecting (upstream's DefaultIgnoredResources). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

/** The resources the collector watches: those that support delete, list and watch (GetDeletableResources). */
export function deletableResources(resources: DiscoveredResource[]): DiscoveredResource[] {
  return resources.filter(
    (r) =>
      !IGNORED.has(`${r.group}/${r.resource}`) && ['delete', 'list', 'watch'].every((verb) => r.verbs.includes(verb)),
  );
}

const keyOf = (r: DiscoveredResource): string => `${r.group}/${r.version}/${r.resource}`;

export class Monitors {
  private readonly monitors = new Map<string, SharedInformer>();
  private running = false;

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly sink: (event: GraphEvent) => void,
  ) {}

  /** Keeps exactly one monitor per resource given; new ones start at once if the monitors run. */
  sync(resources: DiscoveredResource[]): void {
    const wanted = new Map(resources.map((r) => [keyOf(r), r]));
    for (const [key, informer] of this.monitors) {
      if (wanted.has(key)) continue;
      informer.stop();
      this.monitors.delete(key);
    }
    for (const [key, resource] of wanted) {
      if (this.monitors.has(key)) continue;
      const informer = this.monitorFor(resource);
      this.monitors.set(key, informer);
      if (this.running) informer.start();
    }
  }

  start(): void {
    this.running = true;
    for (const informer of this.monitors.values()) informer.start();
  }

  /** Resolves once every current monitor has listed its resource. */
  async waitForSync(): Promise<void> {
    await Promise.all([...this.monitors.values()].map((informer) => informer.waitForSync()));
  }

  stop(): void {
    this.running = false;
    for (const informer of this.monitors.values()) informer.stop();
  }

  private monitorFor(resource: DiscoveredResource): SharedInformer {
    const informer = new SharedInformer(this.client, this.clock, resource);
    const apiVersion = apiVersionOf(resource.group, resource.version);
    const kind = resource.kind;
    informer.addEventHandler({
      onAdd: (obj) => this.sink({ type: 'add', obj, apiVersion, kind, virtual: false }),
      onUpdate: (oldObj, obj) => this.sink({ type: 'update', obj, oldObj, apiVersion, kind, virtual: false }),
      onDelete: (obj) => this.sink({ type: 'delete', obj, apiVersion, kind, virtual: false }),
    });
    return informer;
  }
}
