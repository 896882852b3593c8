// Errors of the storage layer, independent of any resource; the generic registry store turns them into Status errors
// that name the resource (k8s.io/apiserver/pkg/storage/errors.go).

export type StorageErrorCode =
  'KeyNotFound' | 'KeyExists' | 'ResourceVersionConflicts' | 'InvalidObject' | 'ResourceVersionTooLarge' | 'Expired';

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    readonly key: string,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function isStorageError(error: unknown, code?: StorageErrorCode): error is StorageError {
  return error instanceof StorageError && (code === undefined || error.code === code);
}
