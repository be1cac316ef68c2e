import argon2 from 'argon2';
import { AppError } from '../errors/app-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

/** OWASP's argon2id recommendation (19 MiB, 2 passes, 1 lane). */
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Default shortest password (`YOSAN_PASSWORD_MIN_LENGTH`); never below `PASSWORD_MIN_FLOOR`. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MIN_FLOOR = 8;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when an account does not exist, to even out timing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-0123456789');
  return dummyHash;
}

/**
 * NIST SP 800-63B rev.4: length only (no composition rules), a blocklist of
 * common passwords, nothing derived from the account's identity, and no password that is
 * only whitespace or one character repeated (issue 21 point 4).
 */
export function checkPasswordPolicy(
  password: string,
  identity: { email?: string; name?: string } = {},
  min = PASSWORD_MIN,
): void {
  min = Math.min(Math.max(min, PASSWORD_MIN_FLOOR), 64);
  const length = [...password].length;
  if (length < min) throw new AppError('PASSWORD_TOO_SHORT', { params: { min } });
  if (length > PASSWORD_MAX) throw new AppError('PASSWORD_TOO_LONG', { params: { max: PASSWORD_MAX } });
  // Whitespace only, or one character over and over (ignoring spaces): a length with no secret in it.
  if (new Set([...password.replace(/\s+/gu, '')]).size <= 1) throw new AppError('PASSWORD_TOO_SIMPLE');
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower) || COMMON_PASSWORDS.has(lower.replace(/\s+/g, '')))
    throw new AppError('PASSWORD_TOO_COMMON');
  const parts = [
    identity.email,
    identity.email?.split('@')[0],
    identity.name,
    ...(identity.name?.split(/[\s\u3000]+/) ?? []),
  ]
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.toLowerCase().replace(/\s+/g, ''))
    .filter((p) => p.length >= 4);
  const compact = lower.replace(/\s+/g, '');
  if (parts.some((p) => compact.includes(p))) throw new AppError('PASSWORD_CONTAINS_IDENTITY');
}
