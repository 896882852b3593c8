// The resources the lab serves, from discovery, as the UI needs them: the explorer's list, and the mapping from an
// object's apiVersion and kind to the resource to send it to (kubectl's REST mapper). Discovery is read again when a
// kind is not found, so resources added by CRDs show up.

import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import { discoverResources } from '../../engine/client/discovery.ts';
import type { ApiResourceInfo } from '../../engine/protocol/host-api.ts';

export class ResourceCatalog {
  private resources: Promise<ApiResourceInfo[]> | undefined;

  constructor(private readonly client: InProcessClient) {}

  /** Every served resource, sub-resources left out. */
  list(): Promise<ApiResourceInfo[]> {
    this.resources ??= discoverResources(this.client).then((found) => found.filter((r) => !r.resource.includes('/')));
    return this.resources;
  }

  /** The resource for an apiVersion and kind, or undefined when the lab does not serve it (after a fresh look). */
  async forKind(apiVersion: string, kind: string): Promise<ApiResourceInfo | undefined> {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    const find = (all: ApiResourceInfo[]) =>
      all.find((r) => r.group === group && r.version === version && r.kind === kind);
    const known = find(await this.list());
    if (known) return known;
    this.resources = undefined;
    return find(await this.list());
  }

  /** The resource with this group and plural name (any version), for turning a ref into its kind. */
  async byResource(group: string, resource: string): Promise<ApiResourceInfo | undefined> {
    return (await this.list()).find((r) => r.group === group && r.resource === resource);
  }
}
