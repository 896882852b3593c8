// A failure of a request to the host, carrying the HostError the UI is sent, and the common ones.

import type { HostError } from '../../engine/protocol/host-api.ts';

/** A failure of a request, carrying the HostError the UI is sent. */
export class HostFailure extends Error {
  constructor(readonly error: HostError) {
    super(error.message);
  }
}

export function badRequest(message: string): HostFailure {
  return new HostFailure({ code: 400, reason: 'BadRequest', message });
}

export function notFound(message: string): HostFailure {
  return new HostFailure({ code: 404, reason: 'NotFound', message });
}
