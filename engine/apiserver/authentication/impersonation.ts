// Impersonation (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): a request carrying Impersonate-User,
// Impersonate-Group, Impersonate-Uid and Impersonate-Extra-* headers runs as that identity — if the real user may
// `impersonate` each part of it. `kubectl --as` and `--as-group` send these headers.

import type { AuthorizationAttributes, Authorizer } from '../authorization/authorizer.ts';
import { forbiddenMessage } from '../authorization/authorizer.ts';
import { StatusError, badRequest } from '../errors/status-error.ts';
import type { UserInfo } from '../registry/resource-definition.ts';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

/** Header values as the transport joined repeated headers ("a, b"). */
function values(header: string | undefined): string[] {
  if (header === undefined || header === '') return [];
  return header
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

function checkFor(
  user: UserInfo,
  resource: string,
  name: string,
  namespace = '',
  apiGroup = '',
  subresource = '',
): AuthorizationAttributes {
  return {
    user,
    verb: 'impersonate',
    resourceRequest: true,
    namespace,
    apiGroup,
    apiVersion: '',
    resource,
    subresource,
    name,
    path: '',
  };
}

function refused(attributes: AuthorizationAttributes, reason: string): StatusError {
  const what = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const qualified = attributes.apiGroup ? `${what}.${attributes.apiGroup}` : what;
  const message = `${qualified} "${attributes.name}" is forbidden: ${forbiddenMessage(attributes)}${reason ? `: ${reason}` : ''}`;
  return new StatusError(403, 'Forbidden', message, {
    name: attributes.name,
    group: attributes.apiGroup,
    kind: attributes.resource,
  });
}

/** The identity a request runs as: the authenticated user, or whom it impersonates if that is allowed. */
export async function impersonate(
  headers: Record<string, string | undefined>,
  user: UserInfo,
  authorizer: Authorizer,
): Promise<UserInfo> {
  const username = headers['impersonate-user'];
  const groups = values(headers['impersonate-group']);
  const uid = headers['impersonate-uid'];
  const extraHeaders = Object.entries(headers).filter(([name]) => name.startsWith('impersonate-extra-'));
  if (username === undefined) {
    if (groups.length || uid || extraHeaders.length) {
      throw badRequest('requested impersonation of groups, uid or extra without impersonating a user');
    }
    return user;
  }

  const checks: AuthorizationAttributes[] = [];
  if (username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const [namespace = '', name = ''] = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':');
    checks.push(checkFor(user, 'serviceaccounts', name, namespace));
  } else {
    checks.push(checkFor(user, 'users', username));
  }
  for (const group of groups) checks.push(checkFor(user, 'groups', group));
  if (uid) checks.push(checkFor(user, 'uids', uid, '', 'authentication.k8s.io'));
  const extra: Record<string, string[]> = {};
  for (const [header, value] of extraHeaders) {
    const key = decodeURIComponent(header.slice('impersonate-extra-'.length));
    extra[key] = values(value);
    for (const v of extra[key]!) checks.push(checkFor(user, 'userextras', v, '', 'authentication.k8s.io', key));
  }
  for (const check of checks) {
    const result = await authorizer.authorize(check);
    if (result.decision !== 'Allow') throw refused(check, result.reason);
  }

  const impersonated = new Set(groups);
  if (groups.length === 0 && username.startsWith(SERVICE_ACCOUNT_PREFIX)) {
    const namespace = username.slice(SERVICE_ACCOUNT_PREFIX.length).split(':')[0] ?? '';
    impersonated.add('system:serviceaccounts');
    impersonated.add(`system:serviceaccounts:${namespace}`);
  }
  impersonated.add(username === 'system:anonymous' ? 'system:unauthenticated' : 'system:authenticated');
  const result: UserInfo = { username, groups: [...impersonated] };
  if (uid) result.uid = uid;
  if (Object.keys(extra).length) result.extra = extra;
  return result;
}
