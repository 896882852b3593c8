// The feeds behind a session's streams: a watch of one resource (the current objects first, then every change, and
// a SYNCED marker between the two, so a store knows when its first picture is whole), and a container's log.

import type { Readable } from 'node:stream';
import type { KubeObject, KubeList } from '../../engine/api/object.ts';
import type { Status } from '../../engine/apiserver/errors/status-error.ts';
import type { InProcessClient } from '../../engine/client/in-process-client.ts';
import type { KubeObjectJson, ResourceRef, StreamEvent } from '../../engine/protocol/host-api.ts';

/** Something a stream is fed by; closing it stops the feed. */
export interface StreamSource {
  close(): void;
}

export type Push = (event: StreamEvent) => void;

/**
 * Lists the resource now (so a bad ref fails the request), and on start sends the list as ADDED events, SYNCED, and
 * then watches from the list's resourceVersion — resuming from the last version seen when a watch ends, and ending the
 * stream with the API's error when the version is too old (the UI then opens a new one).
 */
export async function openWatchStream(
  client: InProcessClient,
  ref: ResourceRef,
  namespace: string | undefined,
): Promise<{ start(push: Push): StreamSource }> {
  const list: KubeList = await client.list(ref, namespace ?? '');
  let resourceVersion = list.metadata.resourceVersion ?? '';
  return {
    start(push) {
      let closed = false;
      let current: { close(): void } | undefined;
      for (const object of list.items) push({ kind: 'watch', type: 'ADDED', object: object as KubeObjectJson });
      push({ kind: 'watch', type: 'SYNCED' });
      const watch = async (): Promise<void> => {
        const stream = await client.watch(ref, namespace ?? '', { resourceVersion, allowWatchBookmarks: true });
        if (closed) return stream.close();
        current = stream;
        stream.attach({
          event(event) {
            if (event.type === 'ERROR') {
              const status = event.object as Status;
              closed = true;
              stream.close();
              push({
                kind: 'end',
                error: { code: status.code ?? 500, reason: status.reason ?? '', message: status.message ?? '' },
              });
              return;
            }
            const object = event.object as KubeObject;
            resourceVersion = object.metadata.resourceVersion ?? resourceVersion;
            if (event.type !== 'BOOKMARK') push({ kind: 'watch', type: event.type, object: object as KubeObjectJson });
          },
          end() {
            if (!closed) void watch().catch(fail);
          },
        });
      };
      const fail = (error: unknown) => {
        if (closed) return;
        closed = true;
        push({ kind: 'end', error: { code: 500, reason: 'InternalError', message: String(error) } });
      };
      void watch().catch(fail);
      return {
        close() {
          closed = true;
          current?.close();
        },
      };
    },
  };
}

/** Feeds a log's bytes as text until it ends. */
export function openLogStream(readable: Readable, push: Push): StreamSource {
  readable.setEncoding('utf8');
  readable.on('data', (text: string) => push({ kind: 'logs', text }));
  readable.on('end', () => push({ kind: 'end' }));
  readable.on('error', (error) =>
    push({ kind: 'end', error: { code: 500, reason: 'InternalError', message: error.message } }),
  );
  return { close: () => readable.destroy() };
}
