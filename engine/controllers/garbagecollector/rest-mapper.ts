// Which resource serves an ownerReference's apiVersion and kind, and whether it is namespaced — the collector's
// REST mapper, filled from discovery and read again from discovery when a kind is not known yet (a CRD just added),
// as client-go's deferred discovery mapper does.

import { parseApiVersion } from '../../api/object.ts';
import type { DiscoveredResource } from '../../client/discovery.ts';
import { discoverResources } from '../../client/discovery.ts';
import type { InProcessClient } from '../../client/in-process-client.ts';

/** The kind is not served (yet): retried later, as upstream's restMappingError. */
export class RestMappingError extends Error {}

export class RestMapper {
  private byGroupKind = new Map<string, DiscoveredResource>();
  private refreshing: Promise<void> | undefined;

  constructor(private readonly client: InProcessClient) {}

  reset(resources: DiscoveredResource[]): void {
    const byGroupKind = new Map<string, DiscoveredResource>();
    for (const r of resources) {
      const key = `${r.group}/${r.kind}`;
      if (!byGroupKind.has(key)) byGroupKind.set(key, r);
    }
    this.byGroupKind = byGroupKind;
  }

  /**
   * The resource of `kind` in the apiVersion's group, at the group's preferred version (objects of every served
   * version share their uid, so any version finds the same object).
   */
  async resourceFor(apiVersion: string, kind: string): Promise<DiscoveredResource> {
    const key = `${parseApiVersion(apiVersion).group}/${kind}`;
    if (!this.byGroupKind.has(key)) await this.refresh();
    const resource = this.byGroupKind.get(key);
    if (!resource) throw new RestMappingError(`unable to get REST mapping for ${kind}/${apiVersion}.`);
    return resource;
  }

  private refresh(): Promise<void> {
    this.refreshing ??= discoverResources(this.client)
      .then((resources) => this.reset(resources))
      .finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }
}
