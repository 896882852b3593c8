// Tests for anonymous access.
import { describe, expect, it } from 'vitest';
import { anonymousAuthenticator } from './anonymous.ts';

describe('anonymousAuthenticator', () => {
  it('makes any request system:anonymous in system:unauthenticated', async () => {
    expect(await anonymousAuthenticator().authenticate({ headers: {} })).toEqual({
      username: 'system:anonymous',
      groups: ['system:unauthenticated'],
    });
  });
});
