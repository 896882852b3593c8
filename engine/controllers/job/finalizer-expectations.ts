// Which pods the Job controller has asked to lose their tracking finalizer and not yet seen without it
// (uidTrackingExpectations): until the informer shows the removal, a sync must not count those pods again.

export class FinalizerExpectations {
  private readonly expected = new Map<string, Set<string>>();

  expectFinalizersRemoved(jobKey: string, uids: readonly string[]): void {
    let set = this.expected.get(jobKey);
    if (!set) this.expected.set(jobKey, (set = new Set()));
    for (const uid of uids) set.add(uid);
  }

  finalizerRemovalObserved(jobKey: string, uid: string): void {
    const set = this.expected.get(jobKey);
    if (!set) return;
    set.delete(uid);
    if (set.size === 0) this.expected.delete(jobKey);
  }

  /** The uids still expected to lose the finalizer (a copy). */
  expectedUIDs(jobKey: string): Set<string> {
    return new Set(this.expected.get(jobKey));
  }

  delete(jobKey: string): void {
    this.expected.delete(jobKey);
  }
}
