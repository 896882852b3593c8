// The signer of ServiceAccount tokens: the cluster's key pair (kept with its certificates by the host), or a fresh
// one for a lab that keeps nothing on disk. The key ID is derived from the public key, as upstream does.

import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { JwtSigner } from '../apiserver/serviceaccount/jwt.ts';

export function serviceAccountSigner(key?: { privateKeyPem: string; publicKeyPem: string }): JwtSigner {
  let pair = key;
  if (!pair) {
    const generated = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    pair = {
      privateKeyPem: generated.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKeyPem: generated.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    };
  }
  const der = createPublicKey(pair.publicKeyPem).export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(der).digest('base64url');
  return new JwtSigner(pair.privateKeyPem, pair.publicKeyPem, keyId);
}
