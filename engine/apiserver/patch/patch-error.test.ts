import { describe, expect, it } from 'vitest';
import type { PatchFailure } from './patch-error.ts';
import { PATCH_INVALID_MESSAGE, PatchError, patchErrorToStatus } from './patch-error.ts';

describe('patchErrorToStatus', () => {
  it.each<[string, PatchFailure, string, number, string, string]>([
    ['a bad request keeps its message', 'BadRequest', 'invalid JSON patch', 400, 'BadRequest', 'invalid JSON patch'],
    [
      'an invalid patch hides the engine message behind the generic one',
      'Invalid',
      'testing value /spec/replicas failed: test failed',
      422,
      'Invalid',
      PATCH_INVALID_MESSAGE,
    ],
    [
      'too many operations is an entity too large',
      'RequestEntityTooLarge',
      'The allowed maximum operations in a JSON patch is 10000, got 10001',
      413,
      'RequestEntityTooLarge',
      'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    ],
    [
      'any other failure is a 500 with the text and no reason',
      'Unknown',
      'map: map[image:nginx] does not contain declared merge key: name',
      500,
      '',
      'map: map[image:nginx] does not contain declared merge key: name',
    ],
  ])('%s', (_name, failure, message, code, reason, statusMessage) => {
    const error = new PatchError(failure, message);
    const status = patchErrorToStatus(error);
    expect(status.status).toMatchObject({ code, message: statusMessage, status: 'Failure' });
    expect(status.status.reason ?? '').toBe(reason);
    expect(status.cause).toBe(error);
  });

  it('gives an invalid patch empty details, as NewGenericServerResponse does', () => {
    expect(patchErrorToStatus(new PatchError('Invalid', 'x')).status.details).toEqual({});
  });
});
