import { AppError } from '../../platform/errors/app-error.js';

/** Names that would collide with Yosan's own paths or confuse users. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'api',
  'admin',
  'operator',
  'operators',
  'assets',
  'static',
  'handbook',
  'healthz',
  'readyz',
  'login',
  'signin',
  'sign-in',
  'setup',
  'www',
  'yosan',
  'system',
  'status',
  'support',
  'help',
  'docs',
]);

const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

/** A tenant's URL name: 3-40 of a-z, 0-9 and '-', starting with a letter, no '--', not reserved. */
export function checkSlug(slug: string): void {
  if (!SLUG.test(slug) || slug.includes('--')) throw new AppError('SLUG_INVALID', { params: { slug } });
  if (RESERVED_SLUGS.has(slug)) throw new AppError('SLUG_RESERVED', { params: { slug } });
}
