// The system:authenticated group (k8s.io/apiserver/pkg/authentication/group.AuthenticatedGroupAdder): every user
// authentication found gets it, unless the user is anonymous or already in system:authenticated or
// system:unauthenticated.

import type { Authenticator } from './authenticator.ts';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS_USER } from './well-known-users.ts';

export function withAuthenticatedGroup(authenticator: Authenticator): Authenticator {
  return {
    async authenticate(request) {
      const user = await authenticator.authenticate(request);
      if (!user || user.username === ANONYMOUS_USER) return user;
      if (user.groups.some((g) => g === ALL_AUTHENTICATED || g === ALL_UNAUTHENTICATED)) return user;
      return { ...user, groups: [...user.groups, ALL_AUTHENTICATED] };
    },
  };
}
