// Tests for static token files.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../registry/resource-definition.ts';
import { loadTokenFile, parseTokenFile } from './token-file.ts';

describe('parseTokenFile', () => {
  it.each<[string, string, [string, UserInfo][]]>([
    ['a token with a user and uid', 'abc,alice,1001', [['abc', { username: 'alice', uid: '1001', groups: [] }]]],
    [
      'a token with quoted groups',
      'abc,alice,1001,"dev,system:masters"',
      [['abc', { username: 'alice', uid: '1001', groups: ['dev', 'system:masters'] }]],
    ],
    ['a token with an empty uid', 'abc,alice,', [['abc', { username: 'alice', groups: [] }]]],
    [
      'an empty groups column, which upstream reads as one empty group',
      'abc,alice,1,',
      [['abc', { username: 'alice', uid: '1', groups: [''] }]],
    ],
    [
      'a record with an empty token, which is skipped',
      ',alice,1\nxyz,bob,2',
      [['xyz', { username: 'bob', uid: '2', groups: [] }]],
    ],
    [
      'a token listed twice (the last wins)',
      'abc,alice,1\nabc,bob,2',
      [['abc', { username: 'bob', uid: '2', groups: [] }]],
    ],
  ])('reads %s', (_name, contents, tokens) => {
    expect([...parseTokenFile(contents, 'tokens.csv')]).toEqual(tokens);
  });

  it('rejects a record with fewer than three columns', () => {
    expect(() => parseTokenFile('abc,alice', '/etc/tokens.csv')).toThrow(
      "token file '/etc/tokens.csv' must have at least 3 columns (token, user name, user uid), found 2",
    );
  });
});

describe('loadTokenFile', () => {
  it('authenticates the tokens of a file and no others', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubelab-tokens-'));
    try {
      const path = join(dir, 'tokens.csv');
      await writeFile(path, 'abc,alice,1001,"dev,qa"\n');
      const tokens = await loadTokenFile(path);
      expect(await tokens.authenticateToken('abc')).toEqual({ username: 'alice', uid: '1001', groups: ['dev', 'qa'] });
      expect(await tokens.authenticateToken('abd')).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
