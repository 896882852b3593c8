// How etcd's failures reach the store's callers: compaction and future revisions as kv.ts's errors, a cluster that
// cannot be reached as one clear sentence naming its endpoints, an unknown lease in etcd's words (the etcd3 client
// garbles that message), anything else unchanged.

import { castGrpcError, EtcdLeaseInvalidError, GRPCDeadlineExceededError, GRPCUnavailableError } from 'etcd3';
import { CompactedError, FutureRevisionError } from '../kv.ts';

export interface ErrorContext {
  endpoints: readonly string[];
  /** The revision the request asked for (a read's, a watch's start, a compaction's). */
  requested: number;
  /** Reads the cluster's compacted revision, for a CompactedError. */
  compactRevision(): Promise<number>;
}

function isCompactedMessage(error: unknown): boolean {
  return error instanceof Error && error.message.includes('required revision has been compacted');
}

function isFutureRevisionMessage(error: unknown): boolean {
  return error instanceof Error && error.message.includes('required revision is a future revision');
}

function isUnreachable(error: unknown): boolean {
  return (
    error instanceof GRPCUnavailableError ||
    error instanceof GRPCDeadlineExceededError ||
    (error instanceof Error && 'isBrokenCircuitError' in error)
  );
}

/** The sentence for a cluster that cannot be reached. */
function unreachableError(endpoints: readonly string[], cause: unknown): Error {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new Error(`etcd at ${endpoints.join(', ')} is unreachable: ${detail}`, { cause });
}

/** The error to hand the caller for a failed etcd request. */
export async function toStoreError(failure: unknown, context: ErrorContext): Promise<Error> {
  // Failures of streams arrive as gRPC's plain errors; requests' are already typed by the etcd3 client.
  const error = failure instanceof Error ? castGrpcError(failure) : failure;
  if (isCompactedMessage(error)) return new CompactedError(context.requested, await context.compactRevision());
  if (isFutureRevisionMessage(error)) return new FutureRevisionError(context.requested);
  if (isUnreachable(error)) return unreachableError(context.endpoints, error);
  if (error instanceof EtcdLeaseInvalidError)
    return new Error('etcdserver: requested lease not found', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}
