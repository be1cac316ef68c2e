import type { FastifyReply, FastifyRequest } from 'fastify';
import { deleteSession } from '../auth/sessions.js';
import type { AnyDb } from '../db/database.js';
import { setSessionCookie } from './cookies.js';

/**
 * Hands the browser its new session after a sign-in and ends the session its cookie named before
 * (issue 21 point 5): signing in again never leaves the previous session of that browser valid.
 */
export async function handOverSession(
  req: FastifyRequest,
  reply: FastifyReply,
  db: AnyDb,
  cookie: string,
  token: string,
  maxAgeSeconds: number,
): Promise<void> {
  const previous = req.cookies[cookie];
  if (previous && previous !== token) await deleteSession(db, previous);
  setSessionCookie(reply, cookie, token, maxAgeSeconds);
}
