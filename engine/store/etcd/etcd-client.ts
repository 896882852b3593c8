// The etcd3 npm client configured for this backend, plus what that client lacks against etcd 3.4: HashKV under
// its real gRPC method name (the client calls a `hashKV` method that does not exist), and watch streams that carry
// etcd's "hasleader" metadata so that a member cut off from its leader ends the stream instead of going quiet.
// Deadlines here are wall-clock gRPC deadlines for network calls, not simulation time.

import {
  Etcd3,
  type IDuplexStream,
  type IHashKVRequest,
  type IHashKVResponse,
  type IWatchRequest,
  type IWatchResponse,
} from 'etcd3';
import { unsentRequestRetry } from './retry-policy.ts';

/** How long a unary request may take before it fails with DEADLINE_EXCEEDED. */
const requestTimeoutMs = 30_000;

export type WatchStream = IDuplexStream<IWatchRequest, IWatchResponse>;

interface StreamingClient {
  watch(metadata: unknown, options: object): WatchStream;
}

/** gRPC status code CANCELLED: what a stream reports after our own cancel(). */
const cancelledCode = 1;

export class EtcdClient extends Etcd3 {
  constructor(readonly endpoints: readonly string[]) {
    super({
      hosts: [...endpoints],
      faultHandling: { global: unsentRequestRetry(endpoints.length + 2) },
      defaultCallOptions: (context) => (context.isStream ? {} : { deadline: Date.now() + requestTimeoutMs }),
      grpcOptions: {
        // etcd answers large ranges with large messages (etcd's own client lifts this limit too).
        'grpc.max_receive_message_length': -1,
        // Notice a member that stopped answering; etcd refuses pings more often than every 5s.
        'grpc.keepalive_time_ms': 30_000,
        'grpc.keepalive_timeout_ms': 10_000,
      },
    });
  }

  /** A deadline `ms` from now, for one call's options. */
  static deadline(ms: number): { deadline: number } {
    return { deadline: Date.now() + ms };
  }

  hashKV(request: IHashKVRequest): Promise<IHashKVResponse> {
    return this.pool.exec<IHashKVResponse>('Maintenance', 'HashKV', request);
  }

  /** Opens a gRPC watch stream on one of the endpoints. */
  openWatchStream(): Promise<WatchStream> {
    return this.pool.withConnection('Watch', ({ resource, client, metadata }) => {
      const requireLeader = metadata.clone();
      requireLeader.set('hasleader', 'true');
      const stream = (client as unknown as StreamingClient).watch(requireLeader, {});
      stream.on('error', (error) => {
        if ((error as { code?: number }).code !== cancelledCode) this.pool.markFailed(resource, error);
      });
      return stream;
    });
  }
}
