import { AppError } from '../errors/app-error.js';

/**
 * No request value may hold U+0000 (issue 21 point 2). PostgreSQL text cannot store it and answers
 * an encoding error, which became a 500 for a slug like `a%00b` (found by the schema fuzz), and no
 * field of Yosan has a use for it. Checked on the URL (path and query, percent-encoded) before the
 * tenant is resolved, and on parsed JSON bodies after validation (before the handler): 400 `nul_character`, ja/en.
 */
const ENCODED_NUL = /%00/i;

/** The JSON pointer of the first string (or key) holding U+0000, or undefined. */
export function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}/${i}`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) return `${path}/${k.split('\u0000').join('\\0')}`;
      const found = nulPath(v, `${path}/${k}`);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const refuse = (path: string) =>
  new AppError('VALIDATION_FAILED', { issues: [{ path, code: 'nul_character' }] });

/** onRequest: a `%00` anywhere in the URL. */
export function refuseNulInUrl(url: string): void {
  if (ENCODED_NUL.test(url))
    throw refuse(url.includes('?') && url.indexOf('%00') > url.indexOf('?') ? 'query' : 'path');
}

/** preHandler: U+0000 in a parsed JSON body (the path as the validator names fields, `/comment`). */
export function refuseNulInBody(body: unknown): void {
  const path = nulPath(body);
  if (path !== undefined) throw refuse(path);
}
