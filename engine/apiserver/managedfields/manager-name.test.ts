import { describe, expect, test } from 'vitest';
import { fieldManagerFor, managerFromUserAgent } from './manager-name.ts';

describe('managerFromUserAgent', () => {
  test.each([
    ['takes what precedes the first slash', 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9', 'kubectl'],
    ['keeps a user agent without a slash whole', 'Go-http-client', 'Go-http-client'],
    ['drops unprintable characters', 'my\u0007client\t/1.0', 'myclient'],
    ['gives nothing without a user agent', undefined, ''],
    ['cuts the name to 128 bytes', 'a'.repeat(200), 'a'.repeat(128)],
    ['does not cut a character in the middle', 'a'.repeat(127) + 'é', 'a'.repeat(127)],
  ])('%s', (_name, userAgent, expected) => {
    expect(managerFromUserAgent(userAgent)).toBe(expected);
  });
});

describe('fieldManagerFor', () => {
  test('prefers the fieldManager parameter', () => {
    expect(fieldManagerFor('kubectl-create', 'kubectl/v1.32.0')).toBe('kubectl-create');
  });

  test('falls back to the user agent', () => {
    expect(fieldManagerFor(undefined, 'kube-controller-manager/v1.32.0 (linux/amd64)')).toBe('kube-controller-manager');
  });
});
