import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.js';
import { checkPasswordPolicy } from './passwords.js';

const code = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('password policy (NIST SP 800-63B rev.4)', () => {
  it('checks length only: the configured minimum (never below 8) and at most 128', () => {
    expect(code(() => checkPasswordPolicy('a'.repeat(3) + ' kite 9'))).toBe('PASSWORD_TOO_SHORT');
    expect(code(() => checkPasswordPolicy('lowercase only words'))).toBeUndefined();
    expect(code(() => checkPasswordPolicy('harbor kite', {}, 8))).toBeUndefined();
    expect(code(() => checkPasswordPolicy('kite 9x', {}, 4))).toBe('PASSWORD_TOO_SHORT');
    expect(code(() => checkPasswordPolicy('x'.repeat(64) + ' 😀 ' + 'y'.repeat(61)))).toBeUndefined();
    expect(code(() => checkPasswordPolicy('z'.repeat(129)))).toBe('PASSWORD_TOO_LONG');
  });

  it('refuses common and breached passwords, also with spaces or capitals', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(3000);
    for (const p of ['password1234', 'Sakura2024!', 'qwertyuiop123', 'tokyo2020tokyo', 'pass word 2025'])
      expect(
        code(() => checkPasswordPolicy(p, {}, 8)),
        p,
      ).toBe('PASSWORD_TOO_COMMON');
  });

  it('refuses a password of whitespace only or of one character repeated (issue 21 point 4)', () => {
    for (const p of [
      ' '.repeat(12),
      '\t'.repeat(12),
      ' \t'.repeat(8),
      '\u3000'.repeat(12),
      'a'.repeat(12),
      'あ '.repeat(6),
      '😀'.repeat(12),
    ])
      expect(
        code(() => checkPasswordPolicy(p)),
        JSON.stringify(p),
      ).toBe('PASSWORD_TOO_SIMPLE');
    for (const p of ['aaaaaaaaaaab', '  river stone  ', 'ab'.repeat(6)])
      expect(
        code(() => checkPasswordPolicy(p)),
        p,
      ).not.toBe('PASSWORD_TOO_SIMPLE');
  });

  it("refuses a password containing the user's e-mail address or name", () => {
    const who = { email: 'hanako.yamada@example.jp', name: 'Yamada Hanako' };
    expect(code(() => checkPasswordPolicy('my hanako.yamada secret', who))).toBe(
      'PASSWORD_CONTAINS_IDENTITY',
    );
    expect(code(() => checkPasswordPolicy('yamada river stone 12', who))).toBe('PASSWORD_CONTAINS_IDENTITY');
    expect(code(() => checkPasswordPolicy('river stone lantern 12', who))).toBeUndefined();
  });
});
