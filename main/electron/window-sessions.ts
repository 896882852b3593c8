// Which windows are the app's, and the HostSession each one talks to. A session is created when its window opens
// (possibly before the lab is ready, hence a promise) and closed when the window closes, stopping every watch, log
// and terminal the window opened.

import type { HostMethod, HostParams, HostResult } from '../../engine/protocol/host-api.ts';

/** What a window needs of its HostSession. */
export interface HostCalls {
  call<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>>;
  close(): void;
}

export class WindowSessions {
  private readonly sessions = new Map<number, Promise<HostCalls>>();

  add(webContentsId: number, session: Promise<HostCalls>): void {
    // A session that never opens has nothing to close; its callers see the failure through get().
    session.catch(() => undefined);
    this.sessions.set(webContentsId, session);
  }

  has(webContentsId: number): boolean {
    return this.sessions.has(webContentsId);
  }

  get(webContentsId: number): Promise<HostCalls> | undefined {
    return this.sessions.get(webContentsId);
  }

  /** Forgets a window and closes its session (once it exists, if it is still opening). */
  close(webContentsId: number): void {
    const session = this.sessions.get(webContentsId);
    if (session === undefined) return;
    this.sessions.delete(webContentsId);
    void session.then((opened) => opened.close()).catch(() => undefined);
  }

  closeAll(): void {
    for (const id of [...this.sessions.keys()]) this.close(id);
  }
}
