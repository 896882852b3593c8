// JSON Web Tokens signed with the cluster's ServiceAccount key (ES256), as kube-apiserver issues them for
// TokenRequests and projected volumes: base64url header.claims.signature, verified with the public key.

import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface JwtClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': Record<string, unknown>;
}

const b64url = (data: string | Uint8Array) => Buffer.from(data).toString('base64url');

export class JwtSigner {
  private readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The key ID: a hash of the public key, as upstream derives it. */
  readonly keyId: string;

  constructor(privateKeyPem: string, publicKeyPem: string, keyId: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(publicKeyPem);
    this.keyId = keyId;
  }

  sign(claims: JwtClaims): string {
    const header = b64url(JSON.stringify({ alg: 'ES256', kid: this.keyId }));
    const payload = b64url(JSON.stringify(claims));
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
      key: this.privateKey,
      dsaEncoding: 'ieee-p1363',
    });
    return `${header}.${payload}.${b64url(signature)}`;
  }

  /** The claims of a token this key signed; undefined for anything else (not a JWT, another key, tampered). */
  verify(token: string): JwtClaims | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, payload, signature] = parts as [string, string, string];
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString()) as { alg?: string };
      if (head.alg !== 'ES256') return undefined;
      const ok = verify(
        'sha256',
        Buffer.from(`${header}.${payload}`),
        { key: this.publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      );
      if (!ok) return undefined;
      return JSON.parse(Buffer.from(payload, 'base64url').toString()) as JwtClaims;
    } catch {
      return undefined;
    }
  }
}

/** Whether a bearer token looks like a JWT at all (three base64url parts), so other authenticators can have it. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}
