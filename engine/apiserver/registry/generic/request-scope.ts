// What a registry operation knows about the request it serves: who asks, in which namespace, with which options.

import type { UserInfo } from '../resource-definition.ts';

export interface RequestScope {
  user: UserInfo;
  /** The namespace from the URL ("" for cluster-scoped resources and all-namespace requests). */
  namespace: string;
  /** dryRun=All: run everything, store nothing. */
  dryRun: boolean;
  /** The fieldManager query parameter, or one derived from the User-Agent. */
  fieldManager: string;
  /** Warnings collected on the way, sent back as `Warning` headers. */
  warnings: string[];
}
