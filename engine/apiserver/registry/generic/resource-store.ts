// What the REST handlers need of a resource's storage: the generic registry store implements it, and so does a
// converting store that serves one API version of objects stored in another (events.k8s.io over core events).

import type { KubeList, KubeObject } from '../../../api/object.ts';
import type { ResolvedSchema, SchemaLookup } from '../../../api/schema-table.ts';
import type { GroupResource, StatusError } from '../../errors/status-error.ts';
import type { FieldManagerOptions } from '../../managedfields/index.ts';
import type { WatchStream } from '../../storage/watch-stream.ts';
import type { ResourceDefinition } from '../resource-definition.ts';
import type { DeleteOptions, DeleteResult, ListOptions, UpdateOptions, WatchOptions } from './registry-store.ts';
import type { RequestScope } from './request-scope.ts';
import type { UpdatedObjectInfo } from './updated-object.ts';

export interface ResourceStore {
  readonly definition: ResourceDefinition;
  readonly groupResource: GroupResource;
  readonly apiVersion: string;
  readonly schema: ResolvedSchema;
  readonly schemaLookup: SchemaLookup;
  get(namespace: string, name: string, resourceVersion?: string): Promise<KubeObject>;
  list(namespace: string, options?: ListOptions): Promise<KubeList>;
  watch(namespace: string, options?: WatchOptions): Promise<WatchStream>;
  create(input: KubeObject, scope: RequestScope): Promise<KubeObject>;
  update(
    namespace: string,
    name: string,
    info: UpdatedObjectInfo,
    scope: RequestScope,
    options?: UpdateOptions,
  ): Promise<{ object: KubeObject; created: boolean }>;
  delete(namespace: string, name: string, scope: RequestScope, options?: DeleteOptions): Promise<DeleteResult>;
  deleteCollection(
    namespace: string,
    scope: RequestScope,
    options: DeleteOptions,
    list: ListOptions,
  ): Promise<KubeList>;
  fieldManagerOptions(subresource: string): FieldManagerOptions;
  toStatusError(error: unknown, name: string): StatusError;
}
