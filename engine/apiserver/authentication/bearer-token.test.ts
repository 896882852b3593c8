// Tests for bearer token authentication.
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../registry/resource-definition.ts';
import { AuthenticationError } from './authenticator.ts';
import { bearerTokenAuthenticator } from './bearer-token.ts';
import { staticTokenAuthenticator } from './token-file.ts';

const ALICE: UserInfo = { username: 'alice', uid: '1', groups: ['dev'] };
const authenticator = bearerTokenAuthenticator(staticTokenAuthenticator(new Map([['secret', ALICE]])));

describe('bearerTokenAuthenticator', () => {
  it.each<[string, string | string[] | undefined, UserInfo | null]>([
    ['no Authorization header', undefined, null],
    ['an empty header', '', null],
    ['a header of blanks', '   ', null],
    ['another scheme', 'Basic YWxpY2U6cGFzcw==', null],
    ['the scheme alone', 'Bearer', null],
    ['two spaces before the token', 'Bearer  secret', null],
    ['a known token', 'Bearer secret', ALICE],
    ['the scheme in any case', 'bEaReR secret', ALICE],
    ['surrounding blanks', '  Bearer secret  ', ALICE],
    ['text after the token', 'Bearer secret trailing words', ALICE],
    ['a repeated header (the first counts)', ['Bearer secret', 'Bearer other'], ALICE],
  ])('answers a request with %s', async (_name, header, expected) => {
    expect(await authenticator.authenticate({ headers: { authorization: header } })).toEqual(expected);
  });

  it.each(['Bearer wrong', 'Bearer secret2', 'bearer SECRET'])('rejects the unknown token in %j', async (header) => {
    await expect(authenticator.authenticate({ headers: { authorization: header } })).rejects.toThrow(
      new AuthenticationError('invalid bearer token'),
    );
  });

  it('passes on the error of a token authenticator that rejects a token', async () => {
    const failing = bearerTokenAuthenticator({
      authenticateToken: async () => {
        throw new AuthenticationError('token has expired');
      },
    });
    await expect(failing.authenticate({ headers: { authorization: 'Bearer x' } })).rejects.toThrow('token has expired');
  });
});
