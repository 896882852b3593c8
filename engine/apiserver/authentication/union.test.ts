// Tests for unions of authenticators.
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../registry/resource-definition.ts';
import { AuthenticationError } from './authenticator.ts';
import type { Authenticator, TokenAuthenticator } from './authenticator.ts';
import { tokenUnion, unionAuthenticator } from './union.ts';

type Outcome = UserInfo | null | string;

const user = (username: string): UserInfo => ({ username, groups: [] });
/** An authenticator that finds a user, finds nothing (null), or rejects the request (a string: the error). */
const fixed = (outcome: Outcome): Authenticator => ({
  authenticate: async () => {
    if (typeof outcome === 'string') throw new AuthenticationError(outcome);
    return outcome;
  },
});

describe('unionAuthenticator', () => {
  it.each<[string, Outcome[], boolean, Outcome]>([
    ['an empty union', [], false, null],
    ['members that all find nothing', [null, null], false, null],
    ['the first member that finds a user', [null, user('a'), user('b')], false, user('a')],
    ['a user found after another member failed', ['bad token', user('a')], false, user('a')],
    ['a failure when no member finds a user', [null, 'bad token'], false, 'bad token'],
    ['all failures together', ['bad cert', 'bad token'], false, '[bad cert, bad token]'],
    ['one failure reported once', ['bad token', 'bad token'], false, 'bad token'],
    ['with failOnError, the first failure', ['bad token', user('a')], true, 'bad token'],
    ['with failOnError, a user found before any failure', [user('a'), 'bad token'], true, user('a')],
    ['with failOnError, the fallback when nothing failed', [null, user('anonymous')], true, user('anonymous')],
  ])('answers with %s', async (_name, outcomes, failOnError, expected) => {
    const union = unionAuthenticator(outcomes.map(fixed), { failOnError });
    const result = union.authenticate({ headers: {} });
    if (typeof expected === 'string') await expect(result).rejects.toThrow(new AuthenticationError(expected));
    else expect(await result).toEqual(expected);
  });

  it('lets errors other than authentication failures through', async () => {
    const broken: Authenticator = {
      authenticate: async () => {
        throw new TypeError('bug');
      },
    };
    await expect(unionAuthenticator([broken, fixed(user('a'))]).authenticate({ headers: {} })).rejects.toThrow('bug');
  });
});

describe('tokenUnion', () => {
  const token = (outcome: Outcome): TokenAuthenticator => ({
    authenticateToken: async () => fixed(outcome).authenticate({ headers: {} }),
  });

  it.each<[string, Outcome[], Outcome]>([
    ['no token authenticators', [], null],
    ['a token nobody knows', [null, null], null],
    ['the first that knows the token', [null, user('sa'), user('other')], user('sa')],
    ['a rejection when nobody accepts', ['token expired', null], 'token expired'],
    ['a user despite an earlier rejection', ['not a JWT', user('file-user')], user('file-user')],
  ])('answers with %s', async (_name, outcomes, expected) => {
    const result = tokenUnion(outcomes.map(token)).authenticateToken('t');
    if (typeof expected === 'string') await expect(result).rejects.toThrow(expected);
    else expect(await result).toEqual(expected);
  });
});
