import { describe, expect, it } from 'vitest';
import { en } from './messages.en.js';
import { ja } from './messages.ja.js';
import { interpolate, leafKeys, translate } from './translate.js';
import { localeFromAcceptLanguage } from './locale.js';

describe('server message catalogues', () => {
  it('have exactly the same keys in ja and en', () => {
    const jaKeys = new Set(leafKeys(ja));
    const enKeys = new Set(leafKeys(en));
    expect([...enKeys].filter((k) => !jaKeys.has(k))).toEqual([]);
    expect([...jaKeys].filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of leafKeys(en)) {
      const pick = (o: unknown) =>
        key.split('.').reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], o) as string;
      expect(placeholders(pick(ja)), key).toEqual(placeholders(pick(en)));
    }
  });

  it('detects a key missing in one language (the check can fail)', () => {
    const broken = { ...ja, fields: { ...ja.fields, extra: 'x' } };
    expect(leafKeys(broken).length).toBe(leafKeys(en).length + 1);
  });

  it('fills placeholders and picks the language from Accept-Language', () => {
    expect(interpolate('a {x} b {y}', { x: 1 })).toBe('a 1 b {y}');
    expect(translate('ja', 'errors.PASSWORD_TOO_SHORT', { min: 12 })).toBe(
      'パスワードは 12 文字以上にしてください。',
    );
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,ja;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, ja;q=0.5')).toBe('ja');
    expect(localeFromAcceptLanguage('fr')).toBeUndefined();
  });
});
