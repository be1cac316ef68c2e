import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A random 256-bit secret, base64url (43 characters). Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Storage form of a token: SHA-256, so a database leak reveals no usable token. */
export function hashToken(token: string): string {
  return sha256Hex(token);
}

/** A random id for rows (UUID v4). */
export function newId(): string {
  return randomUUID();
}

/** A tenant id: 32 lower-case hex characters, usable in file and schema names. */
export function newTenantId(): string {
  return randomBytes(16).toString('hex');
}

/** A short reference id shown to users for an error (8 hex characters). */
export function newRefId(): string {
  return randomBytes(4).toString('hex');
}

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
