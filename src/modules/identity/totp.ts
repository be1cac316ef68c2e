import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { sha256Hex } from '../../platform/crypto/tokens.js';

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app supports
 * them: SHA-1, 6 digits, 30 seconds. A code is accepted one step early or late,
 * and never twice (the last used step is remembered).
 */
const PERIOD = 30;

function totp(secretBase32: string, label = 'user', issuer = 'Yosan'): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new random 160-bit secret, base32 (what people type into an app by hand). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secretBase32: string, label: string, issuer: string): string {
  return totp(secretBase32, label, issuer).toString();
}

export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/**
 * Checks a code at `now`; returns the time step it belongs to, or null when it
 * is wrong or its step is not after `lastStep` (a replayed code).
 */
export function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  lastStep: number | null,
): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totp(secretBase32).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = TOTP.counter({ period: PERIOD, timestamp: now.getTime() }) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

/** Ten one-time recovery codes like `k7dq-8xmp-2rfa` (about 59 bits each). */
export function newRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]!).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Only this hash of a recovery code is stored. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(`recovery:${code.toLowerCase().replace(/[^a-z0-9]/g, '')}`);
}
