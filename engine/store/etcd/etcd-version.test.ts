import { describe, expect, it } from 'vitest';
import { orderedProgressRequests } from './etcd-version.ts';

describe('orderedProgressRequests', () => {
  it.each([
    { version: '3.4.23', ordered: false },
    { version: '3.4.30', ordered: false },
    { version: '3.4.31', ordered: true },
    { version: '3.5.12', ordered: false },
    { version: '3.5.13', ordered: true },
    { version: '3.6.0', ordered: true },
    { version: 'v3.5.21', ordered: true },
    { version: '3.3.27', ordered: false },
    { version: '4.0.0', ordered: true },
    { version: 'unknown', ordered: false },
  ])('etcd $version answers progress requests in stream order: $ordered', ({ version, ordered }) => {
    expect(orderedProgressRequests(version)).toBe(ordered);
  });
});
