import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hmac, safeEqual } from '../crypto/tokens.js';
import { AppError } from '../errors/app-error.js';
import { CSRF_COOKIE, setCsrfCookie } from './cookies.js';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function newCsrfToken(secret: string): string {
  const nonce = randomBytes(18).toString('base64url');
  return `${nonce}.${hmac(secret, `csrf:${nonce}`)}`;
}

export function isValidCsrfToken(secret: string, token: string): boolean {
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  return safeEqual(mac, hmac(secret, `csrf:${nonce}`));
}

/** GET /api/csrf: hands the page a signed token (and sets it as a cookie). */
export function issueCsrf(secret: string, req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && isValidCsrfToken(secret, existing)) return existing;
  const token = newCsrfToken(secret);
  setCsrfCookie(reply, token);
  return token;
}

/**
 * Every state-changing request must carry `X-CSRF-Token` equal to the signed
 * CSRF cookie (signed double-submit), and, when the browser sends an Origin,
 * come from our own origin. SameSite=Strict session cookies are the second fence.
 */
export function checkCsrf(secret: string, allowedOrigins: ReadonlySet<string>, req: FastifyRequest): void {
  if (!UNSAFE.has(req.method)) return;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const host = req.headers.host;
    const ok = allowedOrigins.has(origin) || (host !== undefined && origin === `https://${host}`);
    if (!ok) throw new AppError('CSRF_INVALID', { internal: 'origin mismatch' });
  }
  const header = req.headers['x-csrf-token'];
  const cookie = req.cookies[CSRF_COOKIE];
  if (
    typeof header !== 'string' ||
    !cookie ||
    !safeEqual(header, cookie) ||
    !isValidCsrfToken(secret, cookie)
  ) {
    throw new AppError('CSRF_INVALID');
  }
}
