// The generic registry store (k8s.io/apiserver/pkg/registry/generic/registry.Store): create, get, list, watch,
// update, delete and deletecollection for any resource, driven by its ResourceDefinition. The strategy supplies what
// differs between kinds (defaults, validation, what status may change); everything Kubernetes does the same way for
// every kind lives here: names and uids, generation, resourceVersion preconditions, managedFields, admission,
// finalizers, graceful deletion, dry-run, and consistent paginated lists.

import { randomUUID } from 'node:crypto';
import type { KubeList, KubeObject, ObjectMeta } from '../../../api/object.ts';
import { apiVersionOf, deepCopy } from '../../../api/object.ts';
import { deepEqual, rfc3339 } from '../../../api/json.ts';
import type { ResolvedSchema, SchemaLookup } from '../../../api/schema-table.ts';
import type { Clock } from '../../../lab/clock.ts';
import type { AdmissionAttributes, AdmissionChain, AdmissionOperation } from '../../admission/admission.ts';
import type { FieldError } from '../../errors/field-error.ts';
import { FieldPath, invalidValue } from '../../errors/field-error.ts';
import type { GroupResource, Status } from '../../errors/status-error.ts';
import {
  OBJECT_MODIFIED,
  StatusError,
  alreadyExists,
  badRequest,
  conflict,
  internalError,
  invalid,
  notFound,
  resourceExpired,
  successStatus,
  timeout,
} from '../../errors/status-error.ts';
import { updateManagedFields } from '../../managedfields/index.ts';
import type { FieldManagerOptions } from '../../managedfields/index.ts';
import type { Cacher, IndexHint, ObjectPredicate } from '../../storage/cacher.ts';
import { goJsonForm } from '../../storage/go-json-form.ts';
import { namespacePrefix, objectKey, resourcePrefix } from '../../storage/keys.ts';
import type { ObjectStorage, Preconditions } from '../../storage/object-storage.ts';
import { StorageError, isStorageError } from '../../storage/storage-error.ts';
import type { WatchStream } from '../../storage/watch-stream.ts';
import { nameIsDNSSubdomain } from '../../validation/names.ts';
import { validateObjectMeta, validateObjectMetaUpdate } from '../../validation/object-meta.ts';
import { keepMetadata } from '../definition-helpers.ts';
import type { ResourceDefinition, StrategyContext } from '../resource-definition.ts';
import { decodeContinue, encodeContinue } from './continue-token.ts';
import { generateName } from './generate-name.ts';
import type { RequestScope } from './request-scope.ts';
import type { UpdatedObjectInfo } from './updated-object.ts';

/**
 * Work a kind does around a write besides its strategy, like allocating a Service's cluster IP (BeginCreate /
 * BeginUpdate in upstream's store): it runs before validation and learns at the end whether the write landed.
 */
export interface StoreHooks {
  beginCreate?(obj: KubeObject, scope: RequestScope): Promise<(succeeded: boolean) => void>;
  beginUpdate?(obj: KubeObject, old: KubeObject, scope: RequestScope): Promise<(succeeded: boolean) => void>;
}

export interface RegistryStoreOptions {
  definition: ResourceDefinition;
  hooks?: StoreHooks;
  storage: ObjectStorage;
  cacher: Cacher;
  clock: Clock;
  admission: AdmissionChain;
  schemas: SchemaLookup;
  newUID?: () => string;
}

export interface ListOptions {
  predicate?: ObjectPredicate;
  /** Fields the predicate requires to equal a value; an indexed watch cache uses them to look in one bucket. */
  exactFields?: Record<string, string>;
  /** True when the predicate is empty (no label or field selector): lists then report remainingItemCount. */
  unfiltered?: boolean;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: '' | 'NotOlderThan' | 'Exact';
}

export interface WatchOptions {
  predicate?: ObjectPredicate;
  exactFields?: Record<string, string>;
  resourceVersion?: string;
  allowWatchBookmarks?: boolean;
  sendInitialEvents?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  preconditions?: Preconditions;
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  orphanDependents?: boolean;
}

export interface UpdateOptions {
  /** The sub-resource being written ("status"), or "" for the main resource. */
  subresource?: string;
  /** Create the object when it does not exist (server-side apply; kinds that allow create-on-update). */
  allowCreate?: boolean;
}

export interface DeleteResult {
  /** The object (deleted, or marked for deletion), or a Success status for kinds that answer with one. */
  result: KubeObject | Status;
  /** False when the object still exists, waiting for finalizers or its grace period. */
  deleted: boolean;
}

const FINALIZER_ORPHAN = 'orphan';
const FINALIZER_FOREGROUND = 'foregroundDeletion';
const GENERATE_NAME_RETRIES = 8;

export class RegistryStore {
  readonly definition: ResourceDefinition;
  readonly groupResource: GroupResource;
  readonly apiVersion: string;
  readonly prefix: string;
  private readonly storage: ObjectStorage;
  private readonly cacher: Cacher;
  private readonly clock: Clock;
  private readonly admission: AdmissionChain;
  private readonly schemas: SchemaLookup;
  private readonly newUID: () => string;
  private readonly hooks: StoreHooks;

  constructor(options: RegistryStoreOptions) {
    this.definition = options.definition;
    this.hooks = options.hooks ?? {};
    this.storage = options.storage;
    this.cacher = options.cacher;
    this.clock = options.clock;
    this.admission = options.admission;
    this.schemas = options.schemas;
    this.newUID = options.newUID ?? randomUUID;
    this.groupResource = { group: this.definition.group, resource: this.definition.resource };
    this.apiVersion = apiVersionOf(this.definition.group, this.definition.version);
    this.prefix = resourcePrefix(this.definition.storagePrefix ?? this.definition.resource);
  }

  /** The schema of the resource's objects, for managedFields and patches. */
  get schema(): ResolvedSchema {
    return { definition: this.schemas.definition(this.definition.schema), type: 'object' };
  }

  get schemaLookup(): SchemaLookup {
    return this.schemas;
  }

  keyFor(namespace: string, name: string): string {
    return objectKey(this.definition.storagePrefix ?? this.definition.resource, namespace, name);
  }

  // ---- reads -------------------------------------------------------------------------------------------------

  /** Reads one object; resourceVersion "0" may be served from the watch cache, otherwise from the store. */
  async get(namespace: string, name: string, resourceVersion?: string): Promise<KubeObject> {
    const key = this.keyFor(namespace, name);
    const obj =
      resourceVersion === '0' && this.cacher.enabled
        ? (await this.cacher.start(), this.cacher.get(key))
        : await this.storage.get(key);
    if (!obj) throw notFound(this.groupResource, name);
    return obj;
  }

  /**
   * Lists objects. Unpaginated lists come from the watch cache (if the resource has one) once it has caught up with
   * the store; paginated lists are read from the store at one revision, so every page belongs to the same snapshot.
   */
  async list(namespace: string, options: ListOptions = {}): Promise<KubeList> {
    const keyPrefix = namespacePrefix(this.definition.storagePrefix ?? this.definition.resource, namespace);
    const limit = options.limit ?? 0;
    const rv = this.parseRV(options.resourceVersion);
    const match = options.resourceVersionMatch ?? '';
    if (match && options.resourceVersion === undefined) {
      throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    }
    if (options.continue && options.resourceVersion) {
      throw badRequest('specifying resource version is not allowed when using continue');
    }
    if (match === 'Exact' && rv === 0) {
      throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
    }

    let items: KubeObject[];
    let revision: number;
    let nextKey: string | undefined;
    let remaining: number | undefined;
    if (options.continue) {
      const token = decodeContinue(options.continue, keyPrefix);
      const page = await this.readPage(keyPrefix, token.revision, token.startKey, limit, options.predicate);
      ({ items, revision, nextKey } = page);
      remaining = page.remainingItemCount;
    } else if (match === 'Exact' || (limit > 0 && options.resourceVersion !== '0' && match !== 'NotOlderThan')) {
      const page = await this.readPage(keyPrefix, rv, keyPrefix, limit, options.predicate);
      ({ items, revision, nextKey } = page);
      remaining = page.remainingItemCount;
    } else {
      await this.cacher.start();
      const consistent = options.resourceVersion === undefined || options.resourceVersion === '';
      if (!this.cacher.enabled || (consistent && !this.cacher.canConfirmFreshness)) {
        // No cache, or the store cannot confirm the cache is current: read the list from the store itself.
        ({ items, revision } = await this.readPage(keyPrefix, 0, keyPrefix, 0, options.predicate));
      } else {
        await this.waitFresh(consistent ? await this.storeRevision() : rv);
        ({ items, revision } = this.cacher.list(keyPrefix, options.predicate, this.indexHint(options.exactFields)));
      }
    }

    const list: KubeList = {
      apiVersion: this.apiVersion,
      kind: this.definition.listKind,
      metadata: { resourceVersion: String(revision) },
      items: items.map((obj) => this.withTypeMeta(obj)),
    };
    if (nextKey !== undefined) {
      list.metadata.continue = encodeContinue(nextKey, keyPrefix, revision);
      if (remaining !== undefined && options.unfiltered) list.metadata.remainingItemCount = remaining;
    }
    return list;
  }

  /** Opens a watch served from the watch cache. */
  async watch(namespace: string, options: WatchOptions = {}): Promise<WatchStream> {
    const keyPrefix = namespacePrefix(this.definition.storagePrefix ?? this.definition.resource, namespace);
    const rv = options.resourceVersion;
    const fromState = options.sendInitialEvents === true || rv === undefined || rv === '' || rv === '0';
    if (options.sendInitialEvents && !options.allowWatchBookmarks) {
      throw invalid('meta.k8s.io', 'ListOptions', '', [
        invalidValue(
          FieldPath.root('sendInitialEvents'),
          true,
          'sendInitialEvents is forbidden for watch unless allowWatchBookmarks=true',
        ),
      ]);
    }
    try {
      return await this.cacher.watch({
        keyPrefix,
        predicate: options.predicate,
        index: this.indexHint(options.exactFields),
        sinceRevision: fromState ? undefined : this.parseRV(rv),
        initialEventsEndBookmark: options.sendInitialEvents === true,
        bookmarks: options.allowWatchBookmarks === true,
        bookmarkObject: (resourceVersion, annotations) => ({
          apiVersion: this.apiVersion,
          kind: this.definition.kind,
          metadata: annotations ? { resourceVersion, annotations } : { resourceVersion },
        }),
      });
    } catch (error) {
      throw this.toStatusError(error, '');
    }
  }

  // ---- writes ------------------------------------------------------------------------------------------------

  async create(input: KubeObject, scope: RequestScope): Promise<KubeObject> {
    const obj = deepCopy(input);
    this.setTypeMeta(obj);
    this.definition.strategy.defaults?.(obj);
    this.checkNamespace(obj, scope);
    const ctx = this.strategyContext(scope);
    const usesGenerateName = !obj.metadata.name && !!obj.metadata.generateName;

    for (let attempt = 0; ; attempt++) {
      const candidate = attempt === 0 ? obj : deepCopy(obj);
      if (usesGenerateName) candidate.metadata.name = generateName(candidate.metadata.generateName!);
      const tracked = this.trackFields(undefined, this.goForm(candidate), scope, '');
      await this.admit('CREATE', tracked, undefined, scope, '');
      const finish = await this.hooks.beginCreate?.(tracked, scope);
      let succeeded = false;
      try {
        this.fillSystemFields(tracked);
        this.definition.strategy.prepareForCreate?.(tracked, ctx);
        this.validateCreate(tracked, ctx);
        this.definition.strategy.canonicalize?.(tracked);
        const withFields = this.goForm(tracked);
        await this.validateAdmission('CREATE', withFields, undefined, scope, '');
        const key = this.keyFor(withFields.metadata.namespace ?? '', withFields.metadata.name!);
        const created = await this.storage.create(key, withFields, { dryRun: scope.dryRun });
        succeeded = !scope.dryRun;
        return this.withTypeMeta(created);
      } catch (error) {
        if (usesGenerateName && isStorageError(error, 'KeyExists') && attempt < GENERATE_NAME_RETRIES) continue;
        throw this.toStatusError(error, tracked.metadata.name ?? '');
      } finally {
        finish?.(succeeded);
      }
    }
  }

  /**
   * Updates an object (PUT, patch, server-side apply, or a sub-resource write) with optimistic concurrency: a
   * resourceVersion in the desired object must match the stored one, or the write fails with 409 Conflict.
   */
  async update(
    namespace: string,
    name: string,
    info: UpdatedObjectInfo,
    scope: RequestScope,
    options: UpdateOptions = {},
  ): Promise<{ object: KubeObject; created: boolean }> {
    const subresource = options.subresource ?? '';
    const key = this.keyFor(namespace, name);
    const ctx = this.strategyContext(scope);
    let created = false;
    const finishers: ((succeeded: boolean) => void)[] = [];
    let succeeded = false;
    let previous: KubeObject | undefined;
    try {
      const stored = await this.storage.guaranteedUpdate(key, { dryRun: scope.dryRun }, async (current) => {
        created = false;
        for (const finish of finishers.splice(0)) finish(false);
        previous = current;
        const desired = await info(current);
        this.setTypeMeta(desired.object);
        this.definition.strategy.defaults?.(desired.object);
        const obj = this.goForm(desired.object);
        if (!current) {
          if (!(options.allowCreate || this.definition.strategy.allowCreateOnUpdate) || subresource) {
            throw notFound(this.groupResource, name);
          }
          created = true;
          const finish = await this.hooks.beginCreate?.(obj, scope);
          if (finish) finishers.push(finish);
          return this.prepareCreateOnUpdate(obj, name, scope, ctx, desired.managedFieldsDone === true);
        }
        const finish = await this.hooks.beginUpdate?.(obj, current, scope);
        if (finish) finishers.push(finish);
        return this.prepareUpdate(obj, current, name, scope, ctx, subresource, desired.managedFieldsDone === true);
      });
      succeeded = !scope.dryRun;
      const object = this.withTypeMeta(stored);
      await this.finishDeletionIfDone(object, previous, scope);
      return { object, created };
    } catch (error) {
      throw this.toStatusError(error, name);
    } finally {
      for (const finish of finishers) finish(succeeded);
    }
  }

  /**
   * Deletes an object: immediately, or — when it has finalizers, or its kind deletes gracefully — by setting
   * deletionTimestamp and leaving the rest to the finalizers' owners and the grace period.
   */
  async delete(
    namespace: string,
    name: string,
    scope: RequestScope,
    options: DeleteOptions = {},
  ): Promise<DeleteResult> {
    const key = this.keyFor(namespace, name);
    const current = await this.storage.get(key);
    if (!current) throw notFound(this.groupResource, name);
    this.checkDeletePreconditions(current, options.preconditions);
    await this.admitDelete(current, scope);

    const grace = this.definition.strategy.gracefulDeletion?.(current, options.gracePeriodSeconds);
    const finalizers = this.finalizersAfterDelete(current, options);
    const graceful = grace !== undefined && grace > 0;
    if (graceful || finalizers.length > 0) {
      return this.markForDeletion(key, name, scope, options, graceful ? grace : 0, finalizers);
    }
    try {
      const deleted = await this.storage.delete(key, {
        dryRun: scope.dryRun,
        preconditions: { resourceVersion: options.preconditions?.resourceVersion, uid: options.preconditions?.uid },
      });
      return { result: this.deletedResult(deleted), deleted: true };
    } catch (error) {
      throw this.toStatusError(error, name);
    }
  }

  /** Deletes every object the predicate selects; answers with the list of what was deleted. */
  async deleteCollection(
    namespace: string,
    scope: RequestScope,
    options: DeleteOptions,
    list: ListOptions,
  ): Promise<KubeList> {
    const { items, metadata } = await this.list(namespace, { ...list, limit: 0, continue: undefined });
    const deleted: KubeObject[] = [];
    for (const item of items) {
      try {
        const { result } = await this.delete(item.metadata.namespace ?? '', item.metadata.name!, scope, options);
        deleted.push(result.kind === 'Status' ? item : (result as KubeObject));
      } catch (error) {
        if (!(error instanceof StatusError && error.reason === 'NotFound')) throw error;
      }
    }
    return { apiVersion: this.apiVersion, kind: this.definition.listKind, metadata, items: deleted };
  }

  /**
   * Changes a stored object directly, without strategy or admission: for REST logic that upstream also writes
   * straight to storage (a namespace entering Terminating, its finalize sub-resource).
   */
  async updateStored(
    namespace: string,
    name: string,
    scope: RequestScope,
    mutate: (current: KubeObject) => KubeObject,
    preconditions?: Preconditions,
  ): Promise<KubeObject> {
    try {
      const stored = await this.storage.guaranteedUpdate(
        this.keyFor(namespace, name),
        { dryRun: scope.dryRun, preconditions },
        (current) => {
          if (!current) throw notFound(this.groupResource, name);
          return this.goForm(mutate(deepCopy(current)));
        },
      );
      return this.withTypeMeta(stored);
    } catch (error) {
      throw this.toStatusError(error, name);
    }
  }

  /** Deletes a stored object directly (after its finalizers are done), answering as a delete does. */
  async deleteStored(
    namespace: string,
    name: string,
    scope: RequestScope,
    preconditions?: Preconditions,
  ): Promise<DeleteResult> {
    try {
      const deleted = await this.storage.delete(this.keyFor(namespace, name), { dryRun: scope.dryRun, preconditions });
      return { result: this.deletedResult(deleted), deleted: true };
    } catch (error) {
      throw this.toStatusError(error, name);
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private async readPage(
    keyPrefix: string,
    revision: number,
    startKey: string,
    limit: number,
    predicate: ObjectPredicate | undefined,
  ): Promise<{ items: KubeObject[]; revision: number; nextKey?: string; remainingItemCount?: number }> {
    try {
      return await this.storage.listPage(keyPrefix, { revision, startKey, limit, filter: predicate });
    } catch (error) {
      if (isStorageError(error, 'Expired')) {
        throw resourceExpired(
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
        );
      }
      throw error;
    }
  }

  /** The first exact field requirement the watch cache has an index for. */
  private indexHint(exactFields: Record<string, string> | undefined): IndexHint | undefined {
    for (const [field, value] of Object.entries(exactFields ?? {})) {
      if (this.cacher.indexes(field)) return { field, value };
    }
    return undefined;
  }

  /** The store's current revision, read cheaply (a one-key lookup answers with the revision). */
  private async storeRevision(): Promise<number> {
    return (await this.storage.kv.range(this.prefix, { countOnly: true })).revision;
  }

  private async waitFresh(revision: number): Promise<void> {
    try {
      await this.cacher.waitUntilFresh(revision);
    } catch (error) {
      if (isStorageError(error, 'ResourceVersionTooLarge')) {
        throw timeout(`Too large resource version: ${revision}, current: ${this.cacher.currentRevision}`, 1);
      }
      throw error;
    }
  }

  private parseRV(rv: string | undefined): number {
    if (rv === undefined || rv === '') return 0;
    if (!/^\d+$/.test(rv)) {
      throw badRequest(`invalid resource version: ${rv}`);
    }
    return Number(rv);
  }

  private strategyContext(scope: RequestScope): StrategyContext {
    return { user: scope.user, now: this.clock.now(), namespace: scope.namespace, warnings: scope.warnings };
  }

  private setTypeMeta(obj: KubeObject): void {
    obj.apiVersion = this.apiVersion;
    obj.kind = this.definition.kind;
  }

  /** Objects read back carry apiVersion and kind first, as Kubernetes serialises them. */
  private withTypeMeta(obj: KubeObject): KubeObject {
    if (obj.apiVersion === this.apiVersion && obj.kind === this.definition.kind) return obj;
    const { apiVersion: _a, kind: _k, ...rest } = obj;
    return { apiVersion: this.apiVersion, kind: this.definition.kind, ...rest } as KubeObject;
  }

  private checkNamespace(obj: KubeObject, scope: RequestScope): void {
    if (!this.definition.namespaced) {
      delete obj.metadata.namespace;
      return;
    }
    const namespace = obj.metadata.namespace;
    if (namespace && scope.namespace && namespace !== scope.namespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    obj.metadata.namespace = namespace || scope.namespace;
  }

  /** The fields a create sets whatever the client sent (rest.FillObjectMetaSystemFields and BeforeCreate). */
  private fillSystemFields(obj: KubeObject): void {
    const meta = obj.metadata;
    meta.uid = this.newUID();
    meta.creationTimestamp = rfc3339(this.clock.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    delete meta.selfLink;
    if (this.definition.strategy.tracksGeneration) meta.generation = 1;
    else delete meta.generation;
  }

  private validateCreate(obj: KubeObject, ctx: StrategyContext): void {
    const errors: FieldError[] = [
      ...validateObjectMeta(
        obj.metadata,
        {
          namespaced: this.definition.namespaced,
          validateName: this.definition.validateName ?? nameIsDNSSubdomain,
          standardFinalizerNames: this.kubeFinalizerRules,
        },
        FieldPath.root('metadata'),
      ),
    ];
    errors.push(...(this.definition.strategy.validate?.(obj, ctx) ?? []));
    if (errors.length) throw invalid(this.definition.group, this.definition.kind, obj.metadata.name ?? '', errors);
  }

  private async prepareCreateOnUpdate(
    obj: KubeObject,
    name: string,
    scope: RequestScope,
    ctx: StrategyContext,
    managedFieldsDone: boolean,
  ): Promise<KubeObject> {
    this.checkNamespace(obj, scope);
    if (obj.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`,
      );
    }
    const tracked = managedFieldsDone ? obj : this.trackFields(undefined, obj, scope, '');
    await this.admit('CREATE', tracked, undefined, scope, '');
    this.fillSystemFields(tracked);
    this.definition.strategy.prepareForCreate?.(tracked, ctx);
    this.validateCreate(tracked, ctx);
    this.definition.strategy.canonicalize?.(tracked);
    const result = this.goForm(tracked);
    await this.validateAdmission('CREATE', result, undefined, scope, '');
    return result;
  }

  private async prepareUpdate(
    input: KubeObject,
    current: KubeObject,
    name: string,
    scope: RequestScope,
    ctx: StrategyContext,
    subresource: string,
    managedFieldsDone: boolean,
  ): Promise<KubeObject> {
    const obj = managedFieldsDone ? input : this.trackFields(current, input, scope, subresource);
    const meta = obj.metadata;
    if (meta.name !== name) {
      throw badRequest(`the name of the object (${meta.name ?? ''}) does not match the name on the URL (${name})`);
    }
    this.checkNamespace(obj, scope);
    if (meta.resourceVersion) {
      if (meta.resourceVersion !== current.metadata.resourceVersion) {
        throw conflict(this.groupResource, name, OBJECT_MODIFIED);
      }
    } else if (!this.definition.strategy.allowUnconditionalUpdate) {
      throw invalid(this.definition.group, this.definition.kind, name, [
        invalidValue(FieldPath.root('metadata').child('resourceVersion'), 0, 'must be specified for an update'),
      ]);
    }
    if (meta.uid && meta.uid !== current.metadata.uid) {
      throw conflict(
        this.groupResource,
        name,
        `Precondition failed: UID in precondition: ${meta.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
      );
    }
    const old = current;
    meta.resourceVersion = old.metadata.resourceVersion;
    meta.generation = old.metadata.generation;
    if (!meta.uid) meta.uid = old.metadata.uid;
    if (old.metadata.creationTimestamp) meta.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined && meta.deletionGracePeriodSeconds === undefined) {
      meta.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    }

    if (subresource === 'status') this.prepareStatusUpdate(obj, old, ctx);
    else this.prepareMainUpdate(obj, old, ctx);

    if (this.definition.strategy.tracksGeneration && subresource !== 'status' && this.specChanged(obj, old)) {
      meta.generation = (old.metadata.generation ?? 0) + 1;
    }

    await this.admit('UPDATE', obj, old, scope, subresource);
    const errors = [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata, FieldPath.root('metadata'), {
        standardFinalizerNames: this.kubeFinalizerRules,
      }),
      ...(subresource === 'status'
        ? (this.definition.strategy.validateStatusUpdate?.(obj, old, ctx) ?? [])
        : (this.definition.strategy.validateUpdate?.(obj, old, ctx) ?? [])),
    ];
    if (errors.length) throw invalid(this.definition.group, this.definition.kind, name, errors);
    this.definition.strategy.canonicalize?.(obj);
    const result = this.goForm(obj);
    await this.validateAdmission('UPDATE', result, old, scope, subresource);
    return result;
  }

  /** A write of the main resource does not change status fields (when the kind has a status sub-resource). */
  private prepareMainUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    if (this.definition.subresources?.status) {
      for (const field of this.statusFields()) {
        if (old[field] === undefined) delete obj[field];
        else obj[field] = deepCopy(old[field]);
      }
    }
    this.definition.strategy.prepareForUpdate?.(obj, old, ctx);
  }

  /**
   * A status write changes only status fields and, for built-in kinds, metadata other than the deletion timestamp and
   * generation (their status strategies reset spec alone; kinds that protect more say so in prepareForStatusUpdate).
   * Custom resources may change no metadata at all (ResetObjectMetaForStatus).
   */
  private prepareStatusUpdate(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void {
    const statusFields = new Set(this.statusFields());
    for (const field of Object.keys(old)) {
      if (field !== 'metadata' && !statusFields.has(field)) obj[field] = deepCopy(old[field]);
    }
    for (const field of Object.keys(obj)) {
      if (field !== 'metadata' && !statusFields.has(field) && old[field] === undefined) delete obj[field];
    }
    const kept: (keyof ObjectMeta)[] = ['deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'];
    if (this.definition.customResource) kept.push('labels', 'annotations', 'finalizers', 'ownerReferences');
    keepMetadata(obj, old, kept);
    this.definition.strategy.prepareForStatusUpdate?.(obj, old, ctx);
  }

  /**
   * Whether finalizer names without a "/" must be Kubernetes' own (core validation's rule, which the kinds of
   * k8s.io/kubernetes follow; CRDs, APIServices and custom resources are validated outside it and do not).
   */
  private get kubeFinalizerRules(): boolean {
    const { group, customResource } = this.definition;
    return !customResource && group !== 'apiextensions.k8s.io' && group !== 'apiregistration.k8s.io';
  }

  /** Built-in kinds are stored the way Go serialises them (see go-json-form.ts). */
  private goForm(obj: KubeObject): KubeObject {
    if (this.definition.customResource) return obj;
    return goJsonForm(obj, this.definition.schema, this.schemas);
  }

  private statusFields(): string[] {
    return this.definition.strategy.statusFields ?? ['status'];
  }

  /** Whether anything but metadata and status changed (what metadata.generation counts). */
  private specChanged(obj: KubeObject, old: KubeObject): boolean {
    const ignored = new Set([
      'metadata',
      'apiVersion',
      'kind',
      ...(this.definition.subresources?.status ? this.statusFields() : []),
    ]);
    const keys = new Set([...Object.keys(obj), ...Object.keys(old)]);
    for (const key of keys) {
      if (!ignored.has(key) && !deepEqual(obj[key], old[key])) return true;
    }
    return false;
  }

  private trackFields(
    old: KubeObject | undefined,
    obj: KubeObject,
    scope: RequestScope,
    subresource: string,
  ): KubeObject {
    return updateManagedFields({
      old,
      updated: obj,
      manager: scope.fieldManager,
      apiVersion: this.apiVersion,
      subresource: subresource || undefined,
      time: rfc3339(this.clock.now()),
      ...this.fieldManagerOptions(subresource),
    });
  }

  /** How managedFields treat this resource: fields a write to this endpoint may not own, typed or not. */
  fieldManagerOptions(subresource: string): FieldManagerOptions {
    const hasStatus = this.definition.subresources?.status !== undefined;
    let resetFields: string[][] | undefined;
    if (hasStatus) resetFields = subresource === 'status' ? [['spec'], ['metadata']] : [this.statusFields()];
    return {
      schema: this.schema,
      lookup: this.schemas,
      resetFields,
      unstructured: this.definition.customResource === true,
    };
  }

  private async admit(
    operation: AdmissionOperation,
    object: KubeObject,
    oldObject: KubeObject | undefined,
    scope: RequestScope,
    subresource: string,
  ): Promise<void> {
    await this.admission.admit(this.admissionAttributes(operation, object, oldObject, scope, subresource));
  }

  private async validateAdmission(
    operation: AdmissionOperation,
    object: KubeObject,
    oldObject: KubeObject | undefined,
    scope: RequestScope,
    subresource: string,
  ): Promise<void> {
    await this.admission.validate(this.admissionAttributes(operation, object, oldObject, scope, subresource));
  }

  /** Runs admission for deleting `current` (both phases), for REST logic that deletes in its own way. */
  async admitDelete(current: KubeObject, scope: RequestScope): Promise<void> {
    const attributes = this.admissionAttributes('DELETE', undefined, current, scope, '');
    await this.admission.admit(attributes);
    await this.admission.validate(attributes);
  }

  private admissionAttributes(
    operation: AdmissionOperation,
    object: KubeObject | undefined,
    oldObject: KubeObject | undefined,
    scope: RequestScope,
    subresource: string,
  ): AdmissionAttributes {
    const meta = object?.metadata ?? oldObject?.metadata;
    return {
      operation,
      group: this.definition.group,
      version: this.definition.version,
      resource: this.definition.resource,
      subresource,
      kind: this.definition.kind,
      namespace: meta?.namespace ?? scope.namespace,
      name: meta?.name ?? '',
      object,
      oldObject,
      user: scope.user,
      dryRun: scope.dryRun,
    };
  }

  private checkDeletePreconditions(current: KubeObject, preconditions: Preconditions | undefined): void {
    if (preconditions?.uid && preconditions.uid !== current.metadata.uid) {
      throw conflict(
        this.groupResource,
        current.metadata.name ?? '',
        `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${current.metadata.uid ?? ''}`,
      );
    }
    if (preconditions?.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(
        this.groupResource,
        current.metadata.name ?? '',
        `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion ?? ''}`,
      );
    }
  }

  /** The finalizers an object should carry once deleted with these options (propagation policy → GC finalizers). */
  private finalizersAfterDelete(current: KubeObject, options: DeleteOptions): string[] {
    const finalizers = new Set(current.metadata.finalizers ?? []);
    const policy = options.propagationPolicy ?? (options.orphanDependents === true ? 'Orphan' : undefined);
    if (policy === 'Orphan') {
      finalizers.add(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    } else if (policy === 'Foreground') {
      finalizers.add(FINALIZER_FOREGROUND);
      finalizers.delete(FINALIZER_ORPHAN);
    } else if (policy === 'Background' || options.orphanDependents === false) {
      finalizers.delete(FINALIZER_ORPHAN);
      finalizers.delete(FINALIZER_FOREGROUND);
    }
    return [...finalizers];
  }

  private async markForDeletion(
    key: string,
    name: string,
    scope: RequestScope,
    options: DeleteOptions,
    graceSeconds: number,
    finalizers: string[],
  ): Promise<DeleteResult> {
    const now = this.clock.now();
    let deleteNow = false;
    try {
      const updated = await this.storage.guaranteedUpdate(
        key,
        { dryRun: scope.dryRun, preconditions: options.preconditions },
        (current) => {
          if (!current) throw notFound(this.groupResource, name);
          const obj = deepCopy(current);
          const meta = obj.metadata;
          meta.finalizers = finalizers.length ? finalizers : undefined;
          if (!meta.finalizers) delete meta.finalizers;
          if (!meta.deletionTimestamp) {
            meta.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
            meta.deletionGracePeriodSeconds = graceSeconds;
          } else if (graceSeconds < (meta.deletionGracePeriodSeconds ?? Infinity)) {
            // A shorter grace period than the one already running brings the deadline forward.
            meta.deletionTimestamp = rfc3339(now + graceSeconds * 1000);
            meta.deletionGracePeriodSeconds = graceSeconds;
          }
          deleteNow = finalizers.length === 0 && meta.deletionGracePeriodSeconds === 0;
          return obj;
        },
      );
      if (deleteNow) {
        const deleted = await this.storage.delete(key, { dryRun: scope.dryRun });
        return { result: this.deletedResult(deleted), deleted: true };
      }
      return { result: this.withTypeMeta(updated), deleted: false };
    } catch (error) {
      throw this.toStatusError(error, name);
    }
  }

  /**
   * After an update, as upstream's ShouldDeleteDuringUpdate: an object being deleted whose update took away its
   * last finalizer is deleted now (kinds may add conditions, e.g. a pod's grace period must have run out).
   */
  private async finishDeletionIfDone(obj: KubeObject, old: KubeObject | undefined, scope: RequestScope): Promise<void> {
    const meta = obj.metadata;
    if (!old || !meta.deletionTimestamp || (meta.finalizers?.length ?? 0) > 0) return;
    if ((old.metadata.finalizers?.length ?? 0) === 0) return;
    if (this.definition.strategy.deleteDuringUpdate && !this.definition.strategy.deleteDuringUpdate(obj, old)) return;
    try {
      await this.storage.delete(this.keyFor(meta.namespace ?? '', meta.name!), {
        dryRun: scope.dryRun,
        preconditions: { resourceVersion: meta.resourceVersion },
      });
    } catch (error) {
      if (!isStorageError(error)) throw error;
    }
  }

  private deletedResult(deleted: KubeObject): KubeObject | Status {
    if (this.definition.strategy.returnDeletedObject) return this.withTypeMeta(deleted);
    return successStatus({
      name: deleted.metadata.name,
      group: this.definition.group,
      kind: this.definition.resource,
      uid: deleted.metadata.uid,
    });
  }

  /** Storage errors become the Status errors a client expects, naming this resource. */
  toStatusError(error: unknown, name: string): StatusError {
    if (error instanceof StatusError) return error;
    if (error instanceof StorageError) {
      switch (error.code) {
        case 'KeyNotFound':
          return notFound(this.groupResource, name);
        case 'KeyExists':
          return alreadyExists(this.groupResource, name);
        case 'ResourceVersionConflicts':
          return conflict(
            this.groupResource,
            name,
            error.message.startsWith('Precondition') ? error.message : OBJECT_MODIFIED,
          );
        case 'InvalidObject':
          return conflict(this.groupResource, name, error.message);
        case 'Expired':
          return resourceExpired(error.message);
        case 'ResourceVersionTooLarge':
          return timeout(error.message, 1);
      }
    }
    return internalError(error);
  }
}
