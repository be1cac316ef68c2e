import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from './canonical.js';

/** The installation's Ed25519 signing key (checkpoints, verification reports). */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** SHA-256 (hex) of the public key's SPKI DER encoding. */
  keyId: string;
}

const cache = new Map<string, SigningKey>();

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/**
 * Loads `<data>/keys/audit-ed25519.key` (PKCS#8 PEM, mode 0600) or makes it once,
 * with its public key beside it (`audit-ed25519.pub`, SPKI PEM).
 */
export function signingKey(dataDir: string): SigningKey {
  const dir = path.join(dataDir, 'keys');
  const cached = cache.get(dir);
  if (cached) return cached;
  const keyFile = path.join(dir, 'audit-ed25519.key');
  const pubFile = path.join(dir, 'audit-ed25519.pub');
  if (!existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pair = generateKeyPairSync('ed25519');
    const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(keyFile, pem, { mode: 0o600, flag: 'wx' });
    writeFileSync(pubFile, pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(), {
      mode: 0o644,
    });
  }
  chmodSync(keyFile, 0o600);
  const privateKey = createPrivateKey(readFileSync(keyFile));
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  if (!existsSync(pubFile)) writeFileSync(pubFile, publicKeyPem, { mode: 0o644 });
  const key = { privateKey, publicKey, publicKeyPem, keyId: keyFingerprint(publicKey) };
  cache.set(dir, key);
  return key;
}

/** Ed25519 signature (base64) over the canonical JSON of `value`. */
export function signCanonical(key: SigningKey, value: unknown): string {
  return sign(null, Buffer.from(canonicalJson(value), 'utf8'), key.privateKey).toString('base64');
}

export function verifyCanonical(publicKey: KeyObject, value: unknown, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(value), 'utf8'),
      publicKey,
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}
