import { describe, expect, it } from 'vitest';
import type { AuthorizationAttributes, Authorizer } from '../authorization/authorizer.ts';
import { StatusError } from '../errors/status-error.ts';
import type { UserInfo } from '../registry/resource-definition.ts';
import { impersonate } from './impersonation.ts';

const admin: UserInfo = { username: 'admin', groups: ['system:masters', 'system:authenticated'] };
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

/** Allows what masters ask, records every check. */
function recordingAuthorizer(): Authorizer & { checks: AuthorizationAttributes[] } {
  const checks: AuthorizationAttributes[] = [];
  return {
    checks,
    authorize(a) {
      checks.push(a);
      return a.user.groups.includes('system:masters')
        ? { decision: 'Allow', reason: '' }
        : { decision: 'NoOpinion', reason: '' };
    },
  };
}

describe('impersonate', () => {
  it('leaves a request without impersonation headers as it is', async () => {
    expect(await impersonate({}, jane, recordingAuthorizer())).toBe(jane);
  });

  it('runs as the impersonated user and groups, marked authenticated', async () => {
    const user = await impersonate(
      { 'impersonate-user': 'alice', 'impersonate-group': 'devs, ops' },
      admin,
      recordingAuthorizer(),
    );
    expect(user).toEqual({ username: 'alice', groups: ['devs', 'ops', 'system:authenticated'] });
  });

  it('gives an impersonated service account its groups', async () => {
    const authorizer = recordingAuthorizer();
    const user = await impersonate({ 'impersonate-user': 'system:serviceaccount:lab:robot' }, admin, authorizer);
    expect(user.groups).toEqual(['system:serviceaccounts', 'system:serviceaccounts:lab', 'system:authenticated']);
    expect(authorizer.checks[0]).toMatchObject({
      verb: 'impersonate',
      resource: 'serviceaccounts',
      namespace: 'lab',
      name: 'robot',
    });
  });

  it('checks every impersonated part, extras included', async () => {
    const authorizer = recordingAuthorizer();
    await impersonate(
      { 'impersonate-user': 'alice', 'impersonate-group': 'devs', 'impersonate-extra-scopes': 'view' },
      admin,
      authorizer,
    );
    expect(authorizer.checks.map((c) => `${c.resource}${c.subresource ? `/${c.subresource}` : ''}=${c.name}`)).toEqual([
      'users=alice',
      'groups=devs',
      'userextras/scopes=view',
    ]);
  });

  it('refuses a user who may not impersonate with 403', async () => {
    const error = await impersonate({ 'impersonate-user': 'alice' }, jane, recordingAuthorizer()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StatusError);
    expect((error as StatusError).message).toBe(
      'users "alice" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('refuses groups without a user with 400', async () => {
    const error = await impersonate({ 'impersonate-group': 'devs' }, admin, recordingAuthorizer()).catch(
      (e: unknown) => e,
    );
    expect((error as StatusError).code).toBe(400);
  });
});
