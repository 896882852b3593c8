import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../api/object.ts';
import { setSecretDefaults } from '../../defaults/core.ts';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config-data.ts';

const meta = { name: 'cfg', namespace: 'default' };
const b64 = (s: string): string => Buffer.from(s).toString('base64');

function secret(fields: Record<string, unknown>): KubeObject {
  const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { ...meta }, ...fields };
  setSecretDefaults(obj);
  return obj;
}

describe('ConfigMaps', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['plain keys are valid', { data: { 'app.properties': 'a=b', KEY_1: 'x' } }, []],
    [
      'a key with a slash is invalid',
      { data: { 'conf/app': 'x' } },
      [
        "data[conf/app]: Invalid value: \"conf/app\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
      ],
    ],
    [
      'a key may not be in data and binaryData',
      { data: { a: 'x' }, binaryData: { a: b64('y') } },
      ['data[a]: Invalid value: "a": duplicate of key present in binaryData'],
    ],
    [
      'more than 1 MiB of data is too long',
      { data: { big: 'x'.repeat(1024 * 1024 + 1) } },
      ['Too long: may not be more than 1048576 bytes'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(validateConfigMap({ metadata: meta, ...fields }).map(String)).toEqual(expected);
  });

  it('freezes data once immutable is set', () => {
    const old = { metadata: meta, immutable: true, data: { a: '1' } };
    expect(validateConfigMapUpdate({ metadata: meta, immutable: false, data: { a: '2' } }, old).map(String)).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
  });
});

describe('Secrets', () => {
  it('folds stringData into base64 data and defaults the type', () => {
    const s = secret({ stringData: { password: 'hunter2' } });
    expect(s).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta,
      type: 'Opaque',
      data: { password: b64('hunter2') },
    });
    expect(validateSecret(s)).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'a TLS secret needs a certificate and a key',
      { type: 'kubernetes.io/tls', data: {} },
      ['data[tls.crt]: Required value', 'data[tls.key]: Required value'],
    ],
    [
      'a docker config secret needs its key',
      { type: 'kubernetes.io/dockerconfigjson', data: {} },
      ['data[.dockerconfigjson]: Required value'],
    ],
    [
      'a docker config must be JSON',
      { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('x') } },
      [
        'data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character \'x\' looking for beginning of value',
      ],
    ],
    [
      'basic auth needs a username or password',
      { type: 'kubernetes.io/basic-auth', data: {} },
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    ['basic auth with just a password is fine', { type: 'kubernetes.io/basic-auth', data: { password: b64('x') } }, []],
    [
      'ssh auth needs a private key',
      { type: 'kubernetes.io/ssh-auth', data: {} },
      ['data[ssh-privatekey]: Required value'],
    ],
    [
      'a service account token secret names its account',
      { type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    [
      'data must be base64',
      { data: { a: 'not base64!' } },
      ['data[a]: Invalid value: "<secret contents redacted>": illegal base64 data at input byte 3'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(validateSecret(secret(fields)).map(String)).toEqual(expected);
  });

  it('refuses a change of type', () => {
    expect(
      validateSecretUpdate(
        secret({ type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }),
        secret({}),
      ).map(String),
    ).toEqual(['type: Invalid value: "kubernetes.io/tls": field is immutable']);
  });
});
