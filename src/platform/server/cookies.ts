import type { FastifyReply } from 'fastify';

export const OPERATOR_COOKIE = '__Host-yosan-op';
export const CSRF_COOKIE = '__Host-yosan-csrf';
/** Tenant users may be signed in to several tenants at once: one cookie per tenant. */
export const tenantCookie = (slug: string): string => `__Host-yosan-t-${slug}`;

const base = { path: '/', secure: true, sameSite: 'strict' as const };

export function setSessionCookie(
  reply: FastifyReply,
  name: string,
  token: string,
  maxAgeSeconds: number,
): void {
  void reply.setCookie(name, token, { ...base, httpOnly: true, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, name: string): void {
  void reply.clearCookie(name, { ...base, httpOnly: true });
}

/** The CSRF cookie is readable by the page (double-submit); it is signed, so it cannot be forged. */
export function setCsrfCookie(reply: FastifyReply, value: string): void {
  void reply.setCookie(CSRF_COOKIE, value, { ...base, httpOnly: false });
}
