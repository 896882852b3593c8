import { castGrpcError, GRPCOutOfRangeError, GRPCUnavailableError } from 'etcd3';
import { describe, expect, it } from 'vitest';
import { CompactedError, FutureRevisionError } from '../kv.ts';
import { toStoreError, type ErrorContext } from './errors.ts';

const context: ErrorContext = {
  endpoints: ['http://127.0.0.1:2379', 'http://127.0.0.1:22379'],
  requested: 5,
  compactRevision: async () => 9,
};

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details });

describe('toStoreError', () => {
  it('turns a compacted revision into CompactedError with the cluster compacted revision', async () => {
    const error = await toStoreError(
      new GRPCOutOfRangeError('11 OUT_OF_RANGE: etcdserver: mvcc: required revision has been compacted'),
      context,
    );
    expect(error).toBeInstanceOf(CompactedError);
    expect(error).toMatchObject({ requested: 5, compactRevision: 9 });
  });

  it('turns a future revision into FutureRevisionError', async () => {
    const error = await toStoreError(
      new GRPCOutOfRangeError('11 OUT_OF_RANGE: etcdserver: mvcc: required revision is a future revision'),
      context,
    );
    expect(error).toBeInstanceOf(FutureRevisionError);
    expect(error).toMatchObject({ requested: 5 });
  });

  it('names every endpoint when the cluster is unreachable, for typed and for plain gRPC errors', async () => {
    const expected =
      'etcd at http://127.0.0.1:2379, http://127.0.0.1:22379 is unreachable: 14 UNAVAILABLE: No connection established';
    const typed = await toStoreError(new GRPCUnavailableError('14 UNAVAILABLE: No connection established'), context);
    const plain = await toStoreError(grpcError(14, 'UNAVAILABLE: No connection established'), context);
    expect([typed.message, plain.message]).toEqual([expected, expected]);
  });

  it('says an unknown lease in etcd words', async () => {
    const garbled = castGrpcError(grpcError(5, 'NOT_FOUND: etcdserver: requested lease not found'));
    expect((await toStoreError(garbled, context)).message).toBe('etcdserver: requested lease not found');
  });

  it('passes any other failure of a request through unchanged', async () => {
    const failure = castGrpcError(grpcError(3, 'INVALID_ARGUMENT: etcdserver: duplicate key given in txn request'));
    expect(await toStoreError(failure, context)).toBe(failure);
  });
});
