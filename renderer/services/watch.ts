// A watch that outlives connections: opens 'watch.open', hands its events to a sink, and when the connection comes
// back (or the host ends the watch) tells the sink it restarts and opens it again — the host then sends the current
// objects once more, followed by SYNCED.

import type { HostError, KubeObjectJson, ResourceRef } from '../../engine/protocol/host-api.ts';
import type { HostClient } from './host-client.ts';
import { hostErrorOf } from './host-client.ts';
import type { StreamHandle, StreamRouter } from './streams.ts';
import { DISCONNECTED } from './streams.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'SYNCED';

export interface WatchSink {
  /** The watch starts over: the objects it sends until SYNCED are the whole current list. */
  restart(): void;
  event(type: WatchEventType, object: KubeObjectJson | undefined): void;
  error?(error: HostError): void;
}

export interface WatchParams {
  ref: ResourceRef;
  namespace?: string;
}

const REOPEN_AFTER_END_MS = 1000;

/** Starts watching; the returned function stops it. */
export function watchResource(client: HostClient, router: StreamRouter, params: WatchParams, sink: WatchSink) {
  let handle: StreamHandle<'watch.open'> | undefined;
  let stopped = false;
  let dropped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function reopen(): void {
    handle = undefined;
    sink.restart();
    void open();
  }

  async function open(): Promise<void> {
    try {
      const opened = await router.open('watch.open', params, (event) => {
        if (event.kind === 'watch') sink.event(event.type, event.object);
        // A dropped connection reopens the watch when it is back (see onState below).
        else if (event.kind === 'end' && !stopped && event.error?.reason !== DISCONNECTED.reason) {
          if (event.error) sink.error?.(event.error);
          timer = setTimeout(reopen, REOPEN_AFTER_END_MS);
        }
      });
      if (stopped) opened.close();
      else handle = opened;
    } catch (failure) {
      // A dropped connection reopens the watch when it is back; other failures are the sink's to show.
      if (!dropped && !stopped) sink.error?.(hostErrorOf(failure));
    }
  }

  const stopStates = client.onState((state) => {
    if (state === 'connecting') {
      dropped = true;
      handle = undefined;
    } else if (state === 'open' && dropped && !stopped) {
      dropped = false;
      reopen();
    }
  });
  void open();

  return (): void => {
    stopped = true;
    clearTimeout(timer);
    stopStates();
    handle?.close();
  };
}
