// The etcd3 client's request-wide retry policy for this backend: a failed request is tried again (the connection
// pool then picks the next endpoint) only when it surely never reached a member that could apply it. The client's
// default retries every "recoverable" error, which could apply a put or a txn twice.

import type { IOptions } from 'etcd3';

export type RetryPolicy = NonNullable<NonNullable<IOptions['faultHandling']>['global']>;

/** Errors etcd or gRPC report before a request is handed to raft or served. */
const notSent = [
  /No connection established/,
  /ECONNREFUSED/,
  /etcdserver: no leader/,
  /etcdserver: leader changed/,
  /etcdserver: too many requests/,
];

/** Whether a failed request may be sent again without risk of applying it twice. */
export function isUnsentRequestError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return notSent.some((pattern) => pattern.test(message));
}

const noListeners = () => ({ dispose() {} });

/** Tries a request up to `maxAttempts` times while it fails with an unsent-request error. */
export function unsentRequestRetry(maxAttempts: number): RetryPolicy {
  return {
    _altReturn: undefined as never,
    onSuccess: noListeners,
    onFailure: noListeners,
    async execute(fn, signal = new AbortController().signal) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fn({ signal });
        } catch (error) {
          if (attempt >= maxAttempts || !isUnsentRequestError(error)) throw error;
        }
      }
    },
  };
}
