// The state of one scheduling cycle (framework.CycleState): what PreFilter and PreScore compute once for a pod and
// Filter and Score read for every node, keyed by plugin-chosen names, plus the plugins the cycle skips.

/** Data a plugin keeps in the cycle state; cloned when preemption simulates removing pods. */
export interface StateData {
  clone(): StateData;
}

export class CycleState {
  private readonly storage = new Map<string, StateData>();
  /** Filter plugins whose PreFilter returned Skip. */
  skipFilterPlugins: ReadonlySet<string> = new Set();
  /** Score plugins whose PreScore returned Skip. */
  skipScorePlugins: ReadonlySet<string> = new Set();

  read<T extends StateData>(key: string): T | undefined {
    return this.storage.get(key) as T | undefined;
  }

  write(key: string, data: StateData): void {
    this.storage.set(key, data);
  }

  delete(key: string): void {
    this.storage.delete(key);
  }

  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, data] of this.storage) copy.storage.set(key, data.clone());
    copy.skipFilterPlugins = this.skipFilterPlugins;
    copy.skipScorePlugins = this.skipScorePlugins;
    return copy;
  }
}
