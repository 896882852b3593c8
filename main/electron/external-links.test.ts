import { describe, expect, it, vi } from 'vitest';
import { isVettedExternalUrl, openExternalIfVetted } from './external-links.ts';

describe('isVettedExternalUrl', () => {
  it.each([
    ['Kubernetes documentation', 'https://kubernetes.io/docs/concepts/workloads/pods/'],
    ['its www host', 'https://www.kubernetes.io/'],
    ['a GitHub page', 'https://github.com/kubernetes/kubernetes/issues/1'],
    ['etcd documentation', 'https://etcd.io/docs/'],
  ])('accepts %s', (_name, url) => {
    expect(isVettedExternalUrl(url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://kubernetes.io/docs/'],
    ['a file URL', 'file:///etc/passwd'],
    ['a custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['another host', 'https://example.com/'],
    ['a look-alike host', 'https://kubernetes.io.example.com/'],
    ['a subdomain not listed', 'https://evil.github.com/'],
    ['credentials', 'https://user:pass@github.com/'],
    ['a port', 'https://github.com:8443/'],
    ['a very long URL', `https://github.com/${'a'.repeat(3000)}`],
    ['not a URL', 'kubernetes.io'],
  ])('refuses %s', (_name, url) => {
    expect(isVettedExternalUrl(url)).toBe(false);
  });
});

describe('openExternalIfVetted', () => {
  it('opens vetted links only', () => {
    const shell = { openExternal: vi.fn(() => Promise.resolve()) };
    expect(openExternalIfVetted(shell, 'https://kubernetes.io/')).toBe(true);
    expect(openExternalIfVetted(shell, 'smb://host/share')).toBe(false);
    expect(shell.openExternal.mock.calls).toEqual([['https://kubernetes.io/']]);
  });
});
