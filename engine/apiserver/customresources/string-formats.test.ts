import { describe, expect, it } from 'vitest';
import { matchesFormat, supportedFormat } from './string-formats.ts';

describe('supportedFormat', () => {
  it.each<[string | undefined, string]>([
    ['date-time', 'date-time'],
    ['datetime', 'datetime'],
    ['uuid', 'uuid'],
    ['int32', ''],
    ['double', ''],
    ['k8s-short-name', ''],
    ['something', ''],
    [undefined, ''],
  ])('keeps %j as %j', (format, expected) => {
    expect(supportedFormat(format)).toBe(expected);
  });
});

describe('matchesFormat', () => {
  it.each<[string, string, boolean]>([
    ['date-time', '2024-05-01T10:00:00Z', true],
    ['date-time', '2024-05-01t10:00:00.123+02:00', true],
    ['date-time', '2024-05-01T25:00:00Z', false],
    ['date-time', '2024-05-01', false],
    ['date', '2024-02-29', true],
    ['date', '2023-02-29', false],
    ['duration', '1h30m', true],
    ['duration', '3 days', true],
    ['duration', 'soon', false],
    ['uuid', '123e4567-e89b-12d3-a456-426614174000', true],
    ['uuid', '123E4567E89B12D3A456426614174000', true],
    ['uuid4', '123e4567-e89b-12d3-a456-426614174000', false],
    ['uuid4', '123e4567-e89b-42d3-a456-426614174000', true],
    ['byte', 'aGVsbG8=', true],
    ['byte', 'hello', false],
    ['byte', '', false],
    ['ipv4', '10.0.0.1', true],
    ['ipv4', '::1', false],
    ['ipv6', '::1', true],
    ['ipv6', '10.0.0.1', false],
    ['cidr', '10.0.0.0/8', true],
    ['cidr', '10.0.0.0', false],
    ['hostname', 'example.com', true],
    ['hostname', '-bad-', false],
    ['email', 'ada@example.com', true],
    ['email', 'Ada <ada@example.com>', true],
    ['email', 'not an address', false],
    ['uri', 'https://example.com/x', true],
    ['uri', '/relative/path', true],
    ['uri', 'relative', false],
    ['mac', '00:1a:2b:3c:4d:5e', true],
    ['mac', '001a.2b3c.4d5e', true],
    ['mac', '00:1a:2b', false],
    ['hexcolor', '#ffaa00', true],
    ['hexcolor', '#ffaa0', false],
    ['rgbcolor', 'rgb(255, 0, 10)', true],
    ['rgbcolor', 'rgb(256,0,0)', false],
    ['ssn', '123-45-6789', true],
    ['ssn', '123456789', false],
    ['isbn10', '0-306-40615-2', true],
    ['isbn13', '978-0-306-40615-7', true],
    ['isbn', '978-0-306-40615-8', false],
    ['creditcard', '4111 1111 1111 1111', true],
    ['creditcard', '4111 1111 1111 1112', false],
    ['bsonobjectid', '507f1f77bcf86cd799439011', true],
    ['password', 'anything', true],
  ])('judges %s %j valid: %s', (format, text, valid) => {
    expect(matchesFormat(format, text)).toBe(valid);
  });
});
