import { describe, expect, it } from 'vitest';

import { FieldPath } from '../errors/field-error.ts';
import {
  isWildcardDNS1123Subdomain,
  validateDomainPrefixedPath,
  validateFullyQualifiedDomainName,
  validateFullyQualifiedName,
  validateIPv4Address,
  validateIPv6Address,
} from './domain-names.ts';

const path = FieldPath.root('f');
const messages = (errs: { toString(): string }[]): string[] => errs.map(String);

describe('isWildcardDNS1123Subdomain', () => {
  it('accepts a star followed by a subdomain', () => {
    expect(isWildcardDNS1123Subdomain('*.example.com')).toEqual([]);
  });
  it("rejects a star in the middle with upstream's message", () => {
    expect(isWildcardDNS1123Subdomain('foo.*.com')).toEqual([
      "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });
});

describe('validateDomainPrefixedPath', () => {
  const cases: [string, string, string[]][] = [
    ['accepts a domain and a path', 'example.com/ingress-nginx', []],
    ['requires a value', '', ['f: Required value']],
    [
      'requires a slash',
      'nginx',
      ['f: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")'],
    ],
    [
      'requires something after the slash',
      'example.com/',
      ['f: Invalid value: "example.com/": must be a domain-prefixed path (such as "acme.io/foo")'],
    ],
    [
      'rejects characters outside an HTTP path',
      'example.com/a b',
      ["f: Invalid value: \"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"],
    ],
  ];
  it.each(cases)('%s', (_name, value, expected) => {
    expect(messages(validateDomainPrefixedPath(path, value))).toEqual(expected);
  });
});

describe('fully qualified names', () => {
  it('accepts a two-segment domain with a trailing dot', () => {
    expect(validateFullyQualifiedDomainName(path, 'example.com.')).toEqual([]);
  });
  it('rejects a single-segment domain', () => {
    expect(messages(validateFullyQualifiedDomainName(path, 'localhost'))).toEqual([
      'f: Invalid value: "localhost": should be a domain with at least two segments separated by dots',
    ]);
  });
  it('requires three segments for webhook names', () => {
    expect(messages(validateFullyQualifiedName(path, 'example.com'))).toEqual([
      'f: Invalid value: "example.com": should be a domain with at least three segments separated by dots',
    ]);
    expect(validateFullyQualifiedName(path, 'hook.example.com')).toEqual([]);
  });
});

describe('single-family addresses', () => {
  it('tells IPv4 from IPv6', () => {
    expect(validateIPv4Address(path, '10.0.0.1')).toEqual([]);
    expect(messages(validateIPv4Address(path, 'fd00::1'))).toEqual([
      'f: Invalid value: "fd00::1": must be a valid IPv4 address',
    ]);
    expect(validateIPv6Address(path, 'fd00::1')).toEqual([]);
    expect(messages(validateIPv6Address(path, '10.0.0.1'))).toEqual([
      'f: Invalid value: "10.0.0.1": must be a valid IPv6 address',
    ]);
  });
});
