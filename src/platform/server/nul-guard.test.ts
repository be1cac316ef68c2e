import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { nulPath, refuseNulInBody, refuseNulInUrl } from './nul-guard.js';

describe('nul guard', () => {
  it('finds U+0000 in strings, keys and nested arrays, and nothing in clean values', () => {
    expect(nulPath({ a: 'x', b: [1, 'ok', { c: 'a\u0000b' }] })).toBe('/b/2/c');
    expect(nulPath({ 'k\u0000': 1 })).toBe('/k\\0');
    expect(nulPath('\u0000')).toBe('/');
    expect(nulPath({ a: '改行\nも\tタブも NUL ではない', n: 0, z: null })).toBeUndefined();
    expect(nulPath(Buffer.from([0, 0]))).toBeUndefined();
  });

  it('refuses %00 in a path or query and U+0000 in a body as VALIDATION_FAILED nul_character', () => {
    const issue = (f: () => void) => {
      try {
        f();
      } catch (e) {
        return e instanceof AppError ? `${e.code} ${e.issues[0]?.path} ${e.issues[0]?.code}` : 'other';
      }
      return 'none';
    };
    expect(issue(() => refuseNulInUrl('/t/a%00b/api/meta'))).toBe('VALIDATION_FAILED path nul_character');
    expect(issue(() => refuseNulInUrl('/t/a/api/admin/users?q=x%00'))).toBe(
      'VALIDATION_FAILED query nul_character',
    );
    expect(issue(() => refuseNulInUrl('/t/a/api/admin/users?q=100%25'))).toBe('none');
    expect(issue(() => refuseNulInBody({ comment: 'a\u0000' }))).toBe(
      'VALIDATION_FAILED /comment nul_character',
    );
    expect(issue(() => refuseNulInBody(undefined))).toBe('none');
  });
});
