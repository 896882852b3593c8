import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object.ts';
import { resetStatus, warnIfNameNotDNSLabel } from './definition-helpers.ts';

describe('definition helpers', () => {
  it('resets status to a fresh copy of the empty status', () => {
    const empty = { replicas: 0 };
    const obj: KubeObject = { metadata: {}, status: { replicas: 3 } };
    resetStatus(obj, empty);
    expect(obj.status).toEqual({ replicas: 0 });
    expect(obj.status).not.toBe(empty);
  });

  it('warns only about names that are not DNS labels', () => {
    const ctx = { user: { username: 'u', groups: [] }, now: 0, namespace: 'd', warnings: [] as string[] };
    warnIfNameNotDNSLabel({ metadata: { name: 'web' } }, ctx, 'Pod names and hostnames');
    expect(ctx.warnings).toEqual([]);
    warnIfNameNotDNSLabel({ metadata: { name: 'web.v2' } }, ctx, 'Pod names and hostnames');
    expect(ctx.warnings).toEqual([
      'metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]',
    ]);
  });
});
