// Key pairs for the cluster PKI: ECDSA P-256 through Node's WebCrypto (a key pair takes about a millisecond, where
// RSA-2048 takes tens), exported as PKCS#8 "PRIVATE KEY" and SPKI "PUBLIC KEY" PEM, which Go's crypto/tls
// (tls.X509KeyPair), kube-apiserver's keyutil and Node's tls all read.

import { webcrypto } from 'node:crypto';
import { decodePem, encodePem } from './pem.ts';

export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** The WebCrypto implementation every PKI operation uses. */
export const crypto = webcrypto;

/** The algorithm of every key and signature: ECDSA over P-256, signing with SHA-256. */
export const EC_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
export const EC_SIGNING_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;

export async function generateKeyPair(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_KEY_ALGORITHM, true, ['sign', 'verify']);
}

export async function exportPrivateKeyPem(key: CryptoKey): Promise<string> {
  return encodePem(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

export async function exportPublicKeyPem(key: CryptoKey): Promise<string> {
  return encodePem(await crypto.subtle.exportKey('spki', key), 'PUBLIC KEY');
}

/** Imports a PKCS#8 P-256 private key for signing. */
export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('pkcs8', decodePem(pem, 'PRIVATE KEY'), EC_KEY_ALGORITHM, true, ['sign']);
}
