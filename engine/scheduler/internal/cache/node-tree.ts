// The node tree (internal/cache/node_tree.go): node names grouped by zone, listed round-robin across zones so that
// the nodes a cycle evaluates first are spread over the zones.

import type { Node } from '../../framework/api-types.ts';

/** utilnode.GetZoneKey: region and zone (topology labels, or the deprecated beta ones), "" when neither is set. */
export function zoneKey(node: Node): string {
  const labels = node.metadata.labels ?? {};
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  if (region === '' && zone === '') return '';
  return `${region}:\u0000:${zone}`;
}

export class NodeTree {
  private readonly tree = new Map<string, { names: string[]; members: Set<string> }>();
  private readonly zones: string[] = [];
  numNodes = 0;

  addNode(node: Node): void {
    const zone = zoneKey(node);
    const name = node.metadata.name ?? '';
    let entry = this.tree.get(zone);
    if (!entry) {
      entry = { names: [], members: new Set() };
      this.tree.set(zone, entry);
      this.zones.push(zone);
    }
    if (entry.members.has(name)) return;
    entry.members.add(name);
    entry.names.push(name);
    this.numNodes++;
  }

  removeNode(node: Node): void {
    const zone = zoneKey(node);
    const name = node.metadata.name ?? '';
    const entry = this.tree.get(zone);
    if (!entry?.members.has(name)) return;
    entry.members.delete(name);
    entry.names.splice(entry.names.indexOf(name), 1);
    if (entry.names.length === 0) {
      this.tree.delete(zone);
      this.zones.splice(this.zones.indexOf(zone), 1);
    }
    this.numNodes--;
  }

  updateNode(oldNode: Node, newNode: Node): void {
    if (zoneKey(oldNode) === zoneKey(newNode)) return;
    this.removeNode(oldNode);
    this.addNode(newNode);
  }

  /** All node names, one from each zone in turn. */
  list(): string[] {
    const names: string[] = [];
    if (this.zones.length === 1) return this.tree.get(this.zones[0]!)!.names.slice();
    for (let index = 0; names.length < this.numNodes; index++) {
      for (const zone of this.zones) {
        const zoneNames = this.tree.get(zone)!.names;
        if (index < zoneNames.length) names.push(zoneNames[index]!);
      }
    }
    return names;
  }
}
