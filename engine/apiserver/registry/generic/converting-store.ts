// Serves one API version of a kind whose objects are stored in another (upstream's conversion at the storage
// boundary): requests are converted into the stored form, handled by the stored resource's registry store (its
// defaults, validation and strategy, as upstream validates the internal form), and answers are converted back.

import type { KubeList, KubeObject } from '../../../api/object.ts';
import { apiVersionOf } from '../../../api/object.ts';
import type { ResolvedSchema, SchemaLookup } from '../../../api/schema-table.ts';
import type { GroupResource, StatusError } from '../../errors/status-error.ts';
import type { FieldManagerOptions } from '../../managedfields/index.ts';
import { WatchStream } from '../../storage/watch-stream.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import type {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  RegistryStore,
  UpdateOptions,
  WatchOptions,
} from './registry-store.ts';
import type { RequestScope } from './request-scope.ts';
import type { ResourceStore } from './resource-store.ts';
import type { UpdatedObjectInfo } from './updated-object.ts';

export interface Conversion {
  /** Served form → stored form. */
  toStorage(obj: KubeObject): KubeObject;
  /** Stored form → served form. */
  fromStorage(obj: KubeObject): KubeObject;
}

export class ConvertingStore implements ResourceStore {
  readonly groupResource: GroupResource;
  readonly apiVersion: string;

  constructor(
    readonly definition: ResourceDefinition,
    private readonly stored: RegistryStore,
    private readonly conversion: Conversion,
  ) {
    this.groupResource = { group: definition.group, resource: definition.resource };
    this.apiVersion = apiVersionOf(definition.group, definition.version);
  }

  get schema(): ResolvedSchema {
    return { definition: this.stored.schemaLookup.definition(this.definition.schema), type: 'object' };
  }

  get schemaLookup(): SchemaLookup {
    return this.stored.schemaLookup;
  }

  private out = (obj: KubeObject): KubeObject => this.conversion.fromStorage(obj);

  private outList(list: KubeList): KubeList {
    return { ...list, apiVersion: this.apiVersion, kind: this.definition.listKind, items: list.items.map(this.out) };
  }

  async get(namespace: string, name: string, resourceVersion?: string): Promise<KubeObject> {
    return this.out(await this.stored.get(namespace, name, resourceVersion));
  }

  async list(namespace: string, options?: ListOptions): Promise<KubeList> {
    return this.outList(await this.stored.list(namespace, options));
  }

  async watch(namespace: string, options?: WatchOptions): Promise<WatchStream> {
    const inner = await this.stored.watch(namespace, options);
    const outer = new WatchStream();
    inner.attach({
      event: (e) => {
        const obj = e.object as KubeObject;
        if (e.type === 'ERROR' || obj.kind === 'Status') outer.push(e);
        else if (e.type === 'BOOKMARK')
          outer.push({ type: 'BOOKMARK', object: { ...obj, apiVersion: this.apiVersion, kind: this.definition.kind } });
        else outer.push({ type: e.type, object: this.out(obj) });
      },
      end: (reason) => outer.close(reason),
    });
    outer.onClose(() => inner.close());
    return outer;
  }

  async create(input: KubeObject, scope: RequestScope): Promise<KubeObject> {
    return this.out(await this.stored.create(this.conversion.toStorage(input), scope));
  }

  async update(
    namespace: string,
    name: string,
    info: UpdatedObjectInfo,
    scope: RequestScope,
    options?: UpdateOptions,
  ): Promise<{ object: KubeObject; created: boolean }> {
    const result = await this.stored.update(
      namespace,
      name,
      async (current) => {
        const desired = await info(current && this.out(current));
        return { ...desired, object: this.conversion.toStorage(desired.object) };
      },
      scope,
      options,
    );
    return { object: this.out(result.object), created: result.created };
  }

  async delete(namespace: string, name: string, scope: RequestScope, options?: DeleteOptions): Promise<DeleteResult> {
    const result = await this.stored.delete(namespace, name, scope, options);
    const body = result.result as KubeObject;
    return { ...result, result: body.kind === 'Status' ? result.result : this.out(body) };
  }

  async deleteCollection(
    namespace: string,
    scope: RequestScope,
    options: DeleteOptions,
    list: ListOptions,
  ): Promise<KubeList> {
    return this.outList(await this.stored.deleteCollection(namespace, scope, options, list));
  }

  fieldManagerOptions(subresource: string): FieldManagerOptions {
    return { ...this.stored.fieldManagerOptions(subresource), schema: this.schema };
  }

  toStatusError(error: unknown, name: string): StatusError {
    return this.stored.toStatusError(error, name);
  }
}
