// The pod garbage collector's quarantine of node names (its "orphaned_pods_nodes" delaying queue): a node that pods
// name but the node cache lacks waits 40 s before the API server is asked whether it is really gone, so a node that
// is merely late to reach the cache does not lose its pods. Kept in lab time; drained by each collection pass.

export class NodeQuarantine {
  /** Node name → lab ms when its quarantine ends. */
  private readonly due = new Map<string, number>();

  constructor(private readonly quarantineMs: number) {}

  /** Quarantines the node from `now` unless it already is (an earlier end wins, as AddAfter's). */
  add(nodeName: string, now: number): void {
    const end = now + this.quarantineMs;
    const current = this.due.get(nodeName);
    if (current === undefined || end < current) this.due.set(nodeName, end);
  }

  /** Takes out the nodes whose quarantine has ended by `now`. */
  takeEnded(now: number): string[] {
    const ended: string[] = [];
    for (const [nodeName, end] of this.due) {
      if (end > now) continue;
      ended.push(nodeName);
      this.due.delete(nodeName);
    }
    return ended;
  }
}
