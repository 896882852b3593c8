// Tests for key generation and PEM export and import.
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportPrivateKeyPem, exportPublicKeyPem, generateKeyPair, importPrivateKeyPem } from './keys.ts';

describe('ECDSA key pairs', () => {
  it('exports keys that Node reads as P-256 and that sign and verify together', async () => {
    const keys = await generateKeyPair();
    const privateKey = createPrivateKey(await exportPrivateKeyPem(keys.privateKey));
    const publicKey = createPublicKey(await exportPublicKeyPem(keys.publicKey));
    expect(privateKey.asymmetricKeyType).toBe('ec');
    expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const signature = sign('sha256', Buffer.from('token'), privateKey);
    expect(verify('sha256', Buffer.from('token'), publicKey, signature)).toBe(true);
  });

  it('imports an exported private key back for signing', async () => {
    const pem = await exportPrivateKeyPem((await generateKeyPair()).privateKey);
    const key = await importPrivateKeyPem(pem);
    expect(key.type).toBe('private');
    expect(key.usages).toEqual(['sign']);
    expect(await exportPrivateKeyPem(key)).toBe(pem);
  });
});
