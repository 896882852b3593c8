// Controller expectations (controller_utils.go ControllerExpectations and UIDTrackingControllerExpectations): how many
// creations and deletions a controller has asked for and not yet seen through its informers. A controller does not
// act again on an owner until its expectations are fulfilled — or have waited longer than five minutes (lab time),
// in case a watch event was lost — so a slow cache never makes it create or delete twice.

import type { Clock } from '../../lab/clock.ts';

/** How long expectations hold before a controller acts regardless (upstream's ExpectationsTimeout). */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60 * 1000;

interface ControlleeExpectations {
  add: number;
  del: number;
  /** Lab time they were set. */
  timestamp: number;
}

export class ControllerExpectations {
  private readonly store = new Map<string, ControlleeExpectations>();

  constructor(private readonly clock: Clock) {}

  /**
   * Whether the controller of `key` may sync: its expectations are fulfilled or expired, or it never set any (a new
   * owner, or one whose expectations were deleted).
   */
  satisfiedExpectations(key: string): boolean {
    const exp = this.store.get(key);
    if (!exp) return true;
    return fulfilled(exp) || this.clock.now() - exp.timestamp > EXPECTATIONS_TIMEOUT_MS;
  }

  expectCreations(key: string, adds: number): void {
    this.setExpectations(key, adds, 0);
  }

  expectDeletions(key: string, dels: number): void {
    this.setExpectations(key, 0, dels);
  }

  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0);
  }

  deletionObserved(key: string): void {
    this.lowerExpectations(key, 0, 1);
  }

  lowerExpectations(key: string, add: number, del: number): void {
    const exp = this.store.get(key);
    if (!exp) return;
    exp.add -= add;
    exp.del -= del;
  }

  raiseExpectations(key: string, add: number, del: number): void {
    const exp = this.store.get(key);
    if (!exp) return;
    exp.add += add;
    exp.del += del;
  }

  deleteExpectations(key: string): void {
    this.store.delete(key);
  }

  /** The pending creations and deletions, if expectations are set (for tests and lab views). */
  get(key: string): { add: number; del: number } | undefined {
    const exp = this.store.get(key);
    return exp && { add: exp.add, del: exp.del };
  }

  private setExpectations(key: string, add: number, del: number): void {
    this.store.set(key, { add, del, timestamp: this.clock.now() });
  }
}

function fulfilled(exp: ControlleeExpectations): boolean {
  return exp.add <= 0 && exp.del <= 0;
}

/**
 * Expectations that also remember which objects (namespace/name keys) are expected to go away, so a deletion is
 * counted exactly once — whether the informer first shows the deletion timestamp or the delete itself.
 */
export class UIDTrackingControllerExpectations extends ControllerExpectations {
  private readonly uids = new Map<string, Set<string>>();

  expectDeletionsOf(key: string, deletedKeys: string[]): void {
    this.uids.set(key, new Set(deletedKeys));
    this.expectDeletions(key, deletedKeys.length);
  }

  /** Records that `deleteKey` went away, if the controller of `key` was waiting for it. */
  deletionObservedOf(key: string, deleteKey: string): void {
    const pending = this.uids.get(key);
    if (pending?.has(deleteKey)) {
      this.deletionObserved(key);
      pending.delete(deleteKey);
    }
  }

  override deleteExpectations(key: string): void {
    super.deleteExpectations(key);
    this.uids.delete(key);
  }
}
