import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/platform/crypto/passwords.js';
import { newId } from '../../src/platform/crypto/tokens.js';
import { createSession } from '../../src/platform/auth/sessions.js';
import { tenantCookie } from '../../src/platform/server/cookies.js';
import type { HttpsClient, HttpsResponse } from '../support/https-client.js';
import { newClient, tenantDb, tenantWithAdmin, type ErrorJson } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

// Every client of these tests comes from one address, 127.0.0.1: a company behind one NAT address.
const PASSWORD = 'quiet meadow lantern 7391';
let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.stop();
  ts = undefined;
});

/** Adds `count` active users (one password hash for all, made once) straight to the tenant's database. */
async function addUsers(server: TestServer, slug: string, count: number): Promise<string[]> {
  const hash = await hashPassword(PASSWORD);
  const now = new Date().toISOString();
  const emails = Array.from({ length: count }, (_, i) => `planner${i + 1}@${slug}.example`);
  await (
    await tenantDb(server, slug)
  )
    .insertInto('users')
    .values(
      emails.map((email, i) => ({
        id: newId(),
        email,
        display_name: `Planner ${i + 1}`,
        locale: 'en' as const,
        is_org_admin: 0,
        status: 'active' as const,
        password_hash: hash,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  return emails;
}

/** Each e-mail signed in on its own client, all at once; returns the clients and the answers. */
async function signInAll(server: TestServer, slug: string, emails: string[]) {
  const clients = await Promise.all(emails.map(() => newClient(server)));
  const answers = await Promise.all(
    clients.map((c, i) => c.post(`/t/${slug}/api/session`, { email: emails[i], password: PASSWORD })),
  );
  return { clients, answers };
}

/**
 * `count` users already signed in, each on its own client: their sessions are made by the
 * platform's own `createSession` (what sign-in ends with), sparing a password hash check each;
 * signing in many users at once over HTTPS is its own test below.
 */
async function signedInUsers(server: TestServer, slug: string, count: number): Promise<HttpsClient[]> {
  await addUsers(server, slug, count);
  const db = await tenantDb(server, slug);
  const users = await db.selectFrom('users').select('id').where('email', 'like', 'planner%').execute();
  const policy = { idleMinutes: 30, absoluteHours: 12 };
  return Promise.all(
    users.map(async (u) => {
      const { token } = await createSession(db, u.id, policy, { ip: '127.0.0.1', userAgent: 'test' });
      const c = await newClient(server);
      c.cookies.set(tenantCookie(slug), token);
      return c;
    }),
  );
}

const statuses = (answers: HttpsResponse[]) =>
  answers.reduce<Record<number, number>>((n, a) => ({ ...n, [a.status]: (n[a.status] ?? 0) + 1 }), {});

/** A planner's ordinary reads: the session, and My page. */
const humanRead = (c: HttpsClient, slug: string, i: number) =>
  c.get(i % 2 ? `/t/${slug}/api/session` : `/t/${slug}/api/me`);

describe('request limits per user and tenant, not per address', () => {
  it('lets 100 planners of one tenant behind one address work at a human pace (default limits)', async () => {
    const env = await tenantWithAdmin('nat', PASSWORD);
    ts = env.ts;
    const clients = await signedInUsers(ts, 'nat', 100);
    // One request every 3 s for 24 s: 800 requests from the one address within the minute
    // (the old limit of 600 a minute per address refused everyone), as 8 rounds of 100.
    const all: HttpsResponse[] = [];
    for (let round = 0; round < 8; round++) {
      all.push(...(await Promise.all(clients.map((c) => humanRead(c, 'nat', round)))));
    }
    expect(statuses(all)).toEqual({ 200: 800 });
    // Counted per user: each planner has used 8 of the user's own 600.
    const last = all.at(-1)!;
    expect(last.headers['x-ratelimit-limit']).toBe('600');
    expect(last.headers['x-ratelimit-remaining']).toBe('592');
  });

  it('refuses one abusive user alone, with Retry-After and a ja/en message, while the others keep working', async () => {
    const env = await tenantWithAdmin('abuse', PASSWORD, {
      env: { YOSAN_RATE_USER_PER_MINUTE: '30' },
    });
    ts = env.ts;
    const clients = await signedInUsers(ts, 'abuse', 30);
    const [abuser, ...others] = clients as [HttpsClient, ...HttpsClient[]];
    abuser.lang = 'ja';
    // At the same moment: the abuser fires 60 requests, each of the 29 others 10.
    const [flood, work] = await Promise.all([
      Promise.all(Array.from({ length: 60 }, (_, i) => humanRead(abuser, 'abuse', i))),
      Promise.all(others.flatMap((c) => Array.from({ length: 10 }, (_, i) => humanRead(c, 'abuse', i)))),
    ]);
    expect(statuses(work)).toEqual({ 200: 290 });
    expect(statuses(flood)).toEqual({ 200: 30, 429: 30 });
    const refused = flood.find((a) => a.status === 429)! as HttpsResponse<ErrorJson>;
    const wait = Number(refused.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(refused.json.error.message).toBe(`リクエストが多すぎます。${wait} 秒後にもう一度お試しください。`);
    abuser.lang = 'en';
    const again = await abuser.get<ErrorJson>('/t/abuse/api/session');
    expect(again.status).toBe(429);
    expect(again.json.error.message).toMatch(/^Too many requests\. Please try again in \d+ seconds\.$/);
    // A changing request is refused the same way.
    const change = await abuser.post<ErrorJson>('/t/abuse/api/me/sessions/revoke-all');
    expect(change.status).toBe(429);
    // The others still work after the flood.
    expect((await others[0]!.get('/t/abuse/api/session')).status).toBe(200);
  });

  it('limits a tenant as a whole; another tenant at the same address is not affected', async () => {
    const env = await tenantWithAdmin('big', PASSWORD, {
      env: { YOSAN_RATE_TENANT_PER_MINUTE: '50' },
    });
    ts = env.ts;
    const created = await env.op.post('/api/operator/tenants', {
      ...(await import('../support/flows.js')).tenantBody('small'),
    });
    expect(created.status).toBe(201);
    const bigUsers = await addUsers(ts, 'big', 10);
    const smallUsers = await addUsers(ts, 'small', 2);
    const big = await signInAll(ts, 'big', bigUsers);
    const small = await signInAll(ts, 'small', smallUsers);
    expect(statuses([...big.answers, ...small.answers])).toEqual({ 200: 12 });
    const bigReads = await Promise.all(
      big.clients.flatMap((c) => Array.from({ length: 6 }, (_, i) => humanRead(c, 'big', i))),
    );
    expect(statuses(bigReads)).toEqual({ 200: 50, 429: 10 });
    const smallReads = await Promise.all(small.clients.map((c, i) => humanRead(c, 'small', i)));
    expect(statuses(smallReads)).toEqual({ 200: 2 });
  });
});

describe('sign-in limits per account and per address', () => {
  it('lets 50 sign-ins at once from one address pass, and limits repeated sign-ins to one account', async () => {
    const env = await tenantWithAdmin('nine', PASSWORD);
    ts = env.ts;
    const emails = await addUsers(ts, 'nine', 50);
    const { answers } = await signInAll(ts, 'nine', emails);
    expect(statuses(answers)).toEqual({ 200: 50 });

    // One account: 10 sign-ins a minute (default), then 429, whoever asks and with any password.
    const c = await newClient(ts);
    const attempt = (email: string) =>
      c.post<ErrorJson>('/t/nine/api/session', { email, password: PASSWORD });
    const repeated = [];
    for (let i = 0; i < 11; i++) repeated.push(await attempt(emails[0]!));
    expect(repeated.map((a) => a.status)).toEqual([...Array<number>(9).fill(200), 429, 429]);
    expect(repeated[9]!.json.error.code).toBe('RATE_LIMITED');
    expect(Number(repeated[9]!.headers['retry-after'])).toBeGreaterThan(0);
    // Written differently, it is the same account.
    expect((await attempt(` ${emails[0]!.toUpperCase()} `)).status).toBe(429);
    // Another account from the same address signs in.
    expect((await attempt(emails[1]!)).status).toBe(200);
  });

  it('limits sign-in requests per address (a setting) and keeps the per-account lockout', async () => {
    const env = await tenantWithAdmin('addr', PASSWORD, {
      env: { YOSAN_RATE_SIGN_IN_ADDRESS_PER_MINUTE: '8' },
    });
    ts = env.ts;
    const emails = await addUsers(ts, 'addr', 3);
    const c = await newClient(ts);
    const attempt = (email: string, password: string) =>
      c.post<ErrorJson>('/t/addr/api/session', { email, password });
    // Five wrong passwords lock the account (423), as before.
    const wrong = [];
    for (let i = 1; i <= 5; i++) wrong.push((await attempt(emails[0]!, `wrong password ${i}`)).status);
    expect(wrong).toEqual([401, 401, 401, 401, 423]);
    // Other accounts sign in until the address has used its 8 sign-in requests a minute.
    const first = await attempt(emails[1]!, PASSWORD);
    expect(first.status).toBe(200);
    const left = Number(first.headers['x-ratelimit-remaining']);
    expect(first.headers['x-ratelimit-limit']).toBe('8');
    const more = [];
    for (let i = 0; i <= left; i++) more.push((await attempt(emails[2]!, PASSWORD)).status);
    expect(more).toEqual([...Array<number>(left).fill(200), 429]);
  });
});

describe('anonymous requests per address', () => {
  it('limits an anonymous flood (also with forged session cookies) while signed-in users at that address work', async () => {
    const env = await tenantWithAdmin('flood', PASSWORD, {
      env: { YOSAN_RATE_ADDRESS_PER_MINUTE: '40' },
    });
    ts = env.ts;
    const [email] = await addUsers(ts, 'flood', 1);
    const { clients } = await signInAll(ts, 'flood', [email!]);
    const user = clients[0]!;
    const anon = ts.client();
    const forged = ts.client();
    forged.cookies.set('__Host-yosan-t-flood', 'made-up-token');
    const first = await anon.get('/t/flood/api/meta');
    expect(first.headers['x-ratelimit-limit']).toBe('40');
    const left = Number(first.headers['x-ratelimit-remaining']);
    const flood = await Promise.all(
      Array.from({ length: left + 10 }, (_, i) => (i % 2 ? anon : forged).get('/t/flood/api/meta')),
    );
    expect(statuses(flood)).toEqual({ 200: left, 429: 10 });
    const refused = flood.find((a) => a.status === 429)! as HttpsResponse<ErrorJson>;
    expect(refused.json.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Requests that fail authentication count against the address too.
    expect((await forged.get('/t/flood/api/session')).status).toBe(429);
    // The signed-in user at the same address is counted as herself.
    expect((await user.get('/t/flood/api/session')).status).toBe(200);
    // The health check is never limited.
    expect((await anon.get('/healthz')).status).toBe(200);
  });
});
