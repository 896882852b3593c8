// What the API server knows about one resource: its names (for discovery), its schema, its strategy (defaults,
// validation, what status and scale may change), its table columns, and its field selectors. One generic REST
// handler serves every resource from these definitions, built-in kinds and CustomResourceDefinitions alike.

import type { KubeObject } from '../../api/object.ts';
import type { FieldError } from '../errors/field-error.ts';

export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

export const ALL_VERBS: readonly Verb[] = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

/** Who is asking, as authentication found out. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

/** What a strategy may know about the request it runs in. */
export interface StrategyContext {
  user: UserInfo;
  /** Virtual time in milliseconds, from the lab clock. */
  now: number;
  /** The namespace of the request ("" for cluster-scoped). */
  namespace: string;
  /** Non-fatal remarks returned to the client as `Warning` headers. */
  warnings: string[];
}

export interface ResourceStrategy {
  /** Fills in defaulted fields, as the versioned defaulting functions do when an object is decoded. */
  defaults?(obj: KubeObject): void;
  /** Readies a new object: e.g. clears status, sets phase. Runs before validation on create. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Readies an update: e.g. keeps the stored status when the main resource is written. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Kind-specific validation of a new object (object metadata is validated generically). */
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  /** Kind-specific validation of an update, e.g. immutable fields. */
  validateUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Normalises an object after validation, before it is stored. */
  canonicalize?(obj: KubeObject): void;
  /** Whether an update (PUT) of a missing object creates it. */
  allowCreateOnUpdate?: boolean;
  /** Whether an update without metadata.resourceVersion is accepted (last write wins). */
  allowUnconditionalUpdate?: boolean;
  /** Whether metadata.generation counts changes of the spec (true for most kinds with a spec). */
  tracksGeneration?: boolean;
  /** Top-level fields written only through the status sub-resource (default: ["status"] when it exists). */
  statusFields?: string[];
  /** Hooks for the status sub-resource: what a status write may change. */
  prepareForStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  validateStatusUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): FieldError[];
  /** Whether a delete is graceful (sets deletionTimestamp and waits) and for how long, in seconds. */
  gracefulDeletion?(obj: KubeObject, requested: number | undefined): number | undefined;
  /**
   * Further conditions for deleting an object whose update removed its last finalizer while it was being deleted
   * (the generic rule); e.g. pods also need their grace period to be over.
   */
  deleteDuringUpdate?(obj: KubeObject, old: KubeObject): boolean;
  /** Whether DELETE answers with the deleted object rather than a Success status. */
  returnDeletedObject?: boolean;
}

export interface TableColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format: string;
  description: string;
  /** 0: always printed; 1: printed with `-o wide`. */
  priority: number;
}

export type TableCell = string | number | boolean | null;

export interface TableConvertor {
  columns: TableColumnDefinition[];
  /** One row per object; `now` is virtual time in ms, for ages. */
  row(obj: KubeObject, now: number): TableCell[];
}

export interface ScaleSubresource {
  /** JSON paths like ".spec.replicas". */
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

export interface SubresourceDefinition {
  /** The kind the sub-resource answers with, e.g. Scale in autoscaling/v1. */
  responseKind: { group: string; version: string; kind: string };
  verbs: Verb[];
}

export interface ResourceDefinition {
  group: string;
  version: string;
  kind: string;
  listKind: string;
  /** Plural, lower case: "deployments". */
  resource: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: readonly Verb[];
  /** Name of the schema definition in the schema table, e.g. "io.k8s.api.apps.v1.Deployment". */
  schema: string;
  /** Where objects live in the store: /registry/<storagePrefix>/…; defaults to the resource name. */
  storagePrefix?: string;
  subresources?: Record<string, SubresourceDefinition>;
  /** Present when the resource has a scale sub-resource. */
  scale?: ScaleSubresource;
  strategy: ResourceStrategy;
  table?: TableConvertor;
  /** Field selectors beyond metadata.name and metadata.namespace, each reading its value from an object. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /** Served for a CustomResourceDefinition: no strategic merge patch, no protobuf. */
  customResource?: boolean;
  /**
   * For kinds decoded without a Go type (custom resources): drops the fields the schema does not declare, in place,
   * and returns their paths for fieldValidation ("spec.foo").
   */
  prune?(obj: KubeObject): string[];
  /** Validates a name; returns messages (empty when valid). Default: DNS-1123 subdomain. */
  validateName?: (name: string, prefix: boolean) => string[];
}
