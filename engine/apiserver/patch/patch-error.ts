// Patch failures, and the Status kube-apiserver answers each with. The engines throw PatchError carrying upstream's
// error text; patchErrorToStatus maps it the way k8s.io/apiserver's patch handler does (pkg/endpoints/handlers/patch.go).

import { StatusError, badRequest, requestEntityTooLarge } from '../errors/status-error.ts';

/** How the patch handler classifies a failure. */
export type PatchFailure =
  /** 400 with the error text: the patch cannot be decoded, or a directive is malformed. */
  | 'BadRequest'
  /** 422 with a generic message (the error text is not sent): a JSON patch op that does not apply, lists of lists. */
  | 'Invalid'
  /** 413: more operations than a JSON patch may hold. */
  | 'RequestEntityTooLarge'
  /** 500 with the error text and no reason: any other failure (a missing merge key, mixed list item types, …). */
  | 'Unknown';

export class PatchError extends Error {
  constructor(
    readonly failure: PatchFailure,
    message: string,
  ) {
    super(message);
    this.name = 'PatchError';
  }
}

/** What NewGenericServerResponse(422, …) says: the API server does not tell which operation failed. */
export const PATCH_INVALID_MESSAGE = 'the server rejected our request due to an error in our request';

/** The StatusError the API server sends for a patch failure; the engine's own text stays available as `cause`. */
export function patchErrorToStatus(error: PatchError): StatusError {
  let status: StatusError;
  switch (error.failure) {
    case 'BadRequest':
      status = badRequest(error.message);
      break;
    case 'Invalid':
      status = new StatusError(422, 'Invalid', PATCH_INVALID_MESSAGE, {});
      break;
    case 'RequestEntityTooLarge':
      status = requestEntityTooLarge(error.message);
      break;
    case 'Unknown':
      status = new StatusError(500, '', error.message);
      break;
  }
  status.cause = error;
  return status;
}
