// What every resource handler works with: the request, what it is about, who sent it, the resource's registry store,
// and the common query parameters (dryRun, fieldManager, fieldValidation) read as kube-apiserver reads them.

import type { Clock } from '../../../lab/clock.ts';
import { badRequest, invalid } from '../../errors/status-error.ts';
import { FieldPath, notSupported, tooLong, invalidValue } from '../../errors/field-error.ts';
import { managerFromUserAgent } from '../../managedfields/index.ts';
import type { ResourceStore } from '../../registry/generic/resource-store.ts';
import type { RequestScope } from '../../registry/generic/request-scope.ts';
import type { UserInfo } from '../../registry/resource-definition.ts';
import type { ApiRequest } from '../api-request.ts';
import type { RequestInfo } from '../request-info.ts';

export interface HandlerContext {
  req: ApiRequest;
  info: RequestInfo;
  user: UserInfo;
  store: ResourceStore;
  clock: Clock;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

const FIELD_MANAGER_MAX_LENGTH = 128;

/** dryRun=All, or nothing; any other value is refused as upstream refuses it. */
export function isDryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const value of values) {
    if (value !== 'All') {
      throw invalid('meta.k8s.io', 'CreateOptions', '', [notSupported(FieldPath.root('dryRun'), values, ['All'])]);
    }
  }
  return values.length > 0;
}

export function fieldValidation(query: URLSearchParams): FieldValidation {
  const value = query.get('fieldValidation');
  if (value === null || value === '') return 'Warn';
  const normalised = value[0]!.toUpperCase() + value.slice(1).toLowerCase();
  if (normalised === 'Strict' || normalised === 'Warn' || normalised === 'Ignore') return normalised;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got "${value}"`);
}

/** The field manager: the query parameter, or one derived from the User-Agent as upstream does. */
export function fieldManager(ctx: HandlerContext): string {
  const explicit = ctx.req.query.get('fieldManager');
  if (explicit !== null && explicit !== '') {
    if (explicit.length > FIELD_MANAGER_MAX_LENGTH) {
      throw invalid('meta.k8s.io', 'PatchOptions', '', [
        tooLong(FieldPath.root('fieldManager'), FIELD_MANAGER_MAX_LENGTH),
      ]);
    }
    if (!/^[\x20-\x7e]*$/.test(explicit)) {
      throw invalid('meta.k8s.io', 'PatchOptions', '', [
        invalidValue(FieldPath.root('fieldManager'), explicit, 'must be made of printable characters'),
      ]);
    }
    return explicit;
  }
  return managerFromUserAgent(ctx.req.headers['user-agent']);
}

/**
 * The namespace of the addressed object in the store: the request's, or none for a cluster-scoped resource. A
 * request for a Namespace itself (/api/v1/namespaces/lab) carries the namespace "lab" in its RequestInfo, as
 * upstream's does (authorization and admission see it), but the Namespace is stored as a cluster-scoped object.
 */
export function objectNamespace(ctx: HandlerContext): string {
  return ctx.store.definition.namespaced ? ctx.info.namespace : '';
}

/**
 * An object a dry run would have created, as upstream answers it: a copy of the object before storage, so without
 * a resourceVersion (the store has not assigned one; the object is not stamped "0").
 */
export function withoutDryRunVersion<T extends { metadata: { resourceVersion?: string } }>(
  obj: T,
  scope: RequestScope,
  created: boolean,
): T {
  if (!scope.dryRun || !created || obj.metadata.resourceVersion !== '0') return obj;
  const metadata = { ...obj.metadata };
  delete metadata.resourceVersion;
  return { ...obj, metadata };
}

export function requestScope(ctx: HandlerContext): RequestScope {
  return {
    user: ctx.user,
    namespace: ctx.info.namespace,
    dryRun: isDryRun(ctx.req.query),
    fieldManager: fieldManager(ctx),
    warnings: [],
  };
}

/** An integer query parameter, or undefined; junk is a 400. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  if (!/^-?\d+$/.test(value)) throw badRequest(`invalid value for ${name}: ${JSON.stringify(value)}`);
  return Number(value);
}
