// A resource as the API server serves it: its definition, the generic store for stored kinds, and handlers for
// what the generic store does not do — sub-resources (pods/log, pods/binding, serviceaccounts/token…) and virtual
// resources that are computed rather than stored (SelfSubjectAccessReview, TokenReview…).

import type { Clock } from '../../lab/clock.ts';
import type { ApiRequest, ApiResponse } from '../endpoints/api-request.ts';
import type { RequestInfo } from '../endpoints/request-info.ts';
import type { ResourceStore } from './generic/resource-store.ts';
import type { ResourceDefinition, UserInfo } from './resource-definition.ts';

export interface ResourceRequest {
  req: ApiRequest;
  info: RequestInfo;
  user: UserInfo;
  clock: Clock;
  /** The generic store, for stored resources. */
  store?: ResourceStore;
}

export type ResourceHandler = (request: ResourceRequest) => Promise<ApiResponse>;

export interface ServedResource {
  definition: ResourceDefinition;
  store?: ResourceStore;
  /** Handlers for verbs of a virtual resource (e.g. `create` of a SelfSubjectAccessReview). */
  verbs?: Partial<Record<string, ResourceHandler>>;
  /** Handlers for sub-resources beyond status and scale, by name. */
  subresources?: Record<string, ResourceHandler>;
}
