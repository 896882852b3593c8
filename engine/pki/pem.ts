// PEM armour (RFC 7468) for the DER blobs the PKI writes: certificates, PKCS#8 private keys and SubjectPublicKeyInfo
// public keys. Go's crypto/tls and Node's tls read exactly this layout: base64 in 64-column lines between markers.

export type PemType = 'CERTIFICATE' | 'PRIVATE KEY' | 'PUBLIC KEY';

export function encodePem(der: ArrayBuffer | Uint8Array, type: PemType): string {
  const base64 = Buffer.from(der instanceof Uint8Array ? der : new Uint8Array(der)).toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${type}-----\n${lines.join('\n')}\n-----END ${type}-----\n`;
}

/** The DER bytes of the first block of `type` in `pem`; throws when there is none. */
export function decodePem(pem: string, type: PemType): Uint8Array {
  const match = new RegExp(`-----BEGIN ${type}-----([A-Za-z0-9+/=\\s]*)-----END ${type}-----`).exec(pem);
  if (!match) throw new Error(`no ${type} block found in PEM data`);
  return new Uint8Array(Buffer.from((match[1] ?? '').replace(/\s+/g, ''), 'base64'));
}
