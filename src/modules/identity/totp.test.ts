import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { open, seal } from '../../platform/crypto/secretbox.js';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, verifyTotp } from './totp.js';

const at = new Date('2026-11-25T03:00:00Z');
const code = (secret: string, when: Date) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: when.getTime(),
  });

describe('TOTP', () => {
  it('accepts the current code and one step either side, and refuses replays and other codes', () => {
    const secret = newTotpSecret();
    const step = verifyTotp(secret, code(secret, at), at, null);
    expect(step).not.toBeNull();
    expect(verifyTotp(secret, code(secret, new Date(at.getTime() - 30_000)), at, null)).toBe(step! - 1);
    expect(verifyTotp(secret, code(secret, new Date(at.getTime() - 120_000)), at, null)).toBeNull();
    expect(verifyTotp(secret, code(secret, at), at, step)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', at, null)).toBeNull();
  });

  it('makes 10 distinct recovery codes, hashed regardless of case and dashes', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(hashRecoveryCode(codes[0]!.toUpperCase().replace(/-/g, ''))).toBe(hashRecoveryCode(codes[0]!));
  });

  it('seals secrets so that only the same installation secret opens them', () => {
    const sealed = seal('k1', 'totp', 'JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(open('k1', 'totp', sealed)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => open('k2', 'totp', sealed)).toThrow();
  });
});
