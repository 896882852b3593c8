// Serving CustomResourceDefinitions, as apiextensions-apiserver's controllers do: a new or changed CRD has its
// names checked against what the group already serves (NamesAccepted), its served versions registered with the API
// server — discovery, OpenAPI and the REST endpoints follow — and is marked Established. A deleted CRD (held by the
// customresourcecleanup finalizer) first has all its custom resources deleted, then stops being served.

import type { GroupVersionResource, KubeObject } from '../../api/object.ts';
import { isPlainObject } from '../../api/object.ts';
import { rfc3339 } from '../../api/json.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';
import type { SharedInformer } from '../../client/informer.ts';
import { resourcePath } from '../../client/resource-path.ts';
import { WorkQueue, runWorkers } from '../../client/workqueue.ts';
import type { Clock } from '../../lab/clock.ts';
import { customResourceDefinitionFor } from '../customresources/crd-resource.ts';
import { isStatusError } from '../errors/status-error.ts';
import type { ResourceDefinition } from '../registry/resource-definition.ts';
import type { SchemaRegistry } from './schema-registry.ts';

export const CLEANUP_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';
const CRDS: GroupVersionResource = {
  group: 'apiextensions.k8s.io',
  version: 'v1',
  resource: 'customresourcedefinitions',
};
const RECHECK_MS = 1000;

/** What the CRD controller needs from the API server it extends. */
export interface CustomResourceHost {
  /** Starts serving a resource (replacing an earlier definition of the same group, version and resource). */
  serve(definition: ResourceDefinition): void;
  unserve(gvr: GroupVersionResource): void;
  /** The CRD or built-in resource already using `plural` or `kind` in `group`, if any (other than `crdName`). */
  nameConflict(group: string, plural: string, kind: string, crdName: string): string | undefined;
}

interface Condition {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
  lastTransitionTime?: string;
}

type Record_ = Record<string, unknown>;

class InstancesRemaining extends Error {}

function record(value: unknown): Record_ {
  return isPlainObject(value) ? value : {};
}

export class CrdController {
  private readonly queue: WorkQueue;
  /** CRD name → the resources served for it. */
  private readonly served = new Map<string, GroupVersionResource[]>();

  constructor(
    private readonly client: InProcessClient,
    private readonly clock: Clock,
    private readonly crds: SharedInformer,
    private readonly schemas: SchemaRegistry,
    private readonly host: CustomResourceHost,
  ) {
    this.queue = new WorkQueue(clock, 'crd');
    crds.addEventHandler({
      onAdd: (crd) => this.queue.add(crd.metadata.name!),
      onUpdate: (_old, crd) => this.queue.add(crd.metadata.name!),
      onDelete: (crd) => this.queue.add(crd.metadata.name!),
    });
  }

  run(): void {
    runWorkers(
      this.queue,
      1,
      (key) => this.sync(key),
      (error) => {
        if (error instanceof InstancesRemaining) return { after: RECHECK_MS };
        return isStatusError(error, 'Conflict') ? { after: 'now' } : { after: 'backoff' };
      },
    );
  }

  stop(): void {
    this.queue.shutDown();
  }

  private async sync(name: string): Promise<void> {
    const crd = this.crds.lister.get('', name);
    if (!crd) {
      this.stopServing(name);
      return;
    }
    if (crd.metadata.deletionTimestamp) {
      await this.finalize(crd);
      return;
    }
    const spec = record(crd['spec']);
    const names = record(spec['names']);
    const group = String(spec['group'] ?? '');
    const plural = String(names['plural'] ?? '');
    const kind = String(names['kind'] ?? '');
    const conflict = this.host.nameConflict(group, plural, kind, name);
    if (conflict) {
      this.stopServing(name);
      await this.writeConditions(crd, [
        {
          type: 'NamesAccepted',
          status: 'False',
          reason: 'PluralConflict',
          message: `"${plural}" is already in use by ${conflict}`,
        },
        { type: 'Established', status: 'False', reason: 'NotAccepted', message: 'not all names are accepted' },
      ]);
      return;
    }
    this.startServing(crd);
    await this.writeConditions(
      crd,
      [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        {
          type: 'Established',
          status: 'True',
          reason: 'InitialNamesAccepted',
          message: 'the initial names have been accepted',
        },
      ],
      names,
    );
  }

  /** Registers every served version of the CRD, and drops versions no longer served. */
  private startServing(crd: KubeObject): void {
    const name = crd.metadata.name!;
    const spec = record(crd['spec']);
    const versions = Array.isArray(spec['versions']) ? (spec['versions'] as Record_[]) : [];
    const now: GroupVersionResource[] = [];
    for (const v of versions) {
      if (v['served'] !== true) continue;
      const serving = customResourceDefinitionFor(crd, String(v['name']));
      if (!serving) continue;
      this.schemas.set(`${name}/${String(v['name'])}`, serving.schemas);
      this.host.serve({ ...serving.definition, prune: serving.prune });
      now.push({
        group: serving.definition.group,
        version: serving.definition.version,
        resource: serving.definition.resource,
      });
    }
    for (const old of this.served.get(name) ?? []) {
      if (!now.some((g) => g.group === old.group && g.version === old.version && g.resource === old.resource)) {
        this.host.unserve(old);
        this.schemas.remove(`${name}/${old.version}`);
      }
    }
    this.served.set(name, now);
  }

  private stopServing(name: string): void {
    for (const gvr of this.served.get(name) ?? []) {
      this.host.unserve(gvr);
      this.schemas.remove(`${name}/${gvr.version}`);
    }
    this.served.delete(name);
  }

  /** Deletes every custom resource of a deleted CRD, then releases the CRD. */
  private async finalize(crd: KubeObject): Promise<void> {
    const name = crd.metadata.name!;
    if (!(crd.metadata.finalizers ?? []).includes(CLEANUP_FINALIZER)) {
      this.stopServing(name);
      return;
    }
    const gvr = this.served.get(name)?.[0];
    if (gvr) {
      await this.writeConditions(crd, [
        {
          type: 'Terminating',
          status: 'True',
          reason: 'InstanceDeletionInProgress',
          message: 'CustomResource deletion is in progress',
        },
      ]);
      const list = (await this.client.request('GET', resourcePath(gvr))) as { items: KubeObject[] };
      for (const item of list.items) {
        try {
          await this.client.request('DELETE', resourcePath(gvr, item.metadata.namespace ?? '', item.metadata.name!));
        } catch (error) {
          if (!isStatusError(error, 'NotFound')) throw error;
        }
      }
      const left = (await this.client.request('GET', resourcePath(gvr))) as { items: KubeObject[] };
      if (left.items.length > 0) throw new InstancesRemaining();
    }
    this.stopServing(name);
    const current = (await this.client.request('GET', resourcePath(CRDS, '', name))) as KubeObject;
    current.metadata.finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== CLEANUP_FINALIZER);
    await this.client.request('PUT', resourcePath(CRDS, '', name), { body: current });
  }

  /** Sets conditions (keeping transition times of unchanged ones) and acceptedNames in the CRD's status. */
  private async writeConditions(crd: KubeObject, conditions: Condition[], acceptedNames?: Record_): Promise<void> {
    const status = structuredClone(record(crd['status']));
    const previous = Array.isArray(status['conditions']) ? (status['conditions'] as Condition[]) : [];
    const now = rfc3339(this.clock.now());
    const merged = [...previous];
    let changed = false;
    for (const c of conditions) {
      const i = merged.findIndex((p) => p.type === c.type);
      const before = merged[i];
      if (before && before.status === c.status && before.reason === c.reason && before.message === c.message) continue;
      changed = true;
      const next = { ...c, lastTransitionTime: before && before.status === c.status ? before.lastTransitionTime : now };
      if (i >= 0) merged[i] = next;
      else merged.push(next);
    }
    if (acceptedNames) {
      const accepted = { ...acceptedNames };
      if (JSON.stringify(status['acceptedNames']) !== JSON.stringify(accepted)) {
        status['acceptedNames'] = accepted;
        changed = true;
      }
    }
    if (!changed) return;
    status['conditions'] = merged;
    await this.client.request('PUT', resourcePath(CRDS, '', crd.metadata.name!, 'status'), {
      body: { ...crd, status },
    });
  }
}
