// Tests for the system:authenticated group.
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../registry/resource-definition.ts';
import { withAuthenticatedGroup } from './authenticated-group.ts';

describe('withAuthenticatedGroup', () => {
  it.each<[string, UserInfo | null, UserInfo | null]>([
    ['no user', null, null],
    [
      'a user, keeping uid and extra',
      { username: 'jane', uid: '7', groups: ['dev'], extra: { k: ['v'] } },
      { username: 'jane', uid: '7', groups: ['dev', 'system:authenticated'], extra: { k: ['v'] } },
    ],
    ['a user without groups', { username: 'bob', groups: [] }, { username: 'bob', groups: ['system:authenticated'] }],
    ['system:anonymous', { username: 'system:anonymous', groups: [] }, { username: 'system:anonymous', groups: [] }],
    [
      'a user already in system:authenticated',
      { username: 'x', groups: ['system:authenticated', 'a'] },
      { username: 'x', groups: ['system:authenticated', 'a'] },
    ],
    [
      'a user in system:unauthenticated',
      { username: 'x', groups: ['system:unauthenticated'] },
      { username: 'x', groups: ['system:unauthenticated'] },
    ],
  ])('adds the group as upstream does for %s', async (_name, found, expected) => {
    const authenticator = withAuthenticatedGroup({ authenticate: async () => found });
    expect(await authenticator.authenticate({ headers: {} })).toEqual(expected);
  });
});
