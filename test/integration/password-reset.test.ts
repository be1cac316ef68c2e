import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, linkToken } from '../support/flows.js';
import { mailsTo, movableClock, newClient, tenantWithAdmin, type ErrorJson } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'amber river compass 5520';
const NEW_PASSWORD = 'silver kite orchard 3318';
const clock = movableClock();
let ts: TestServer;
let email: string;

beforeAll(async () => {
  const env = await tenantWithAdmin('rst', PASSWORD, { clock: clock.now });
  ts = env.ts;
  email = env.email;
});
afterAll(async () => {
  await ts?.stop();
});

describe('forgot password', () => {
  it('answers the same for known and unknown addresses, and mails only a real user', async () => {
    const c = await newClient(ts);
    const known = await c.post('/t/rst/api/password/forgot', { email });
    const unknown = await c.post('/t/rst/api/password/forgot', { email: 'ghost@rst.example' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.text).toBe('{}');
    expect(unknown.text).toBe(known.text);
    const mail = await eventually(() => mailsTo(ts, email, 'Reset')[0]);
    expect(mail.text).toMatch(/\/t\/rst\/reset-password#token=/);
    expect(mail.text).toMatch(/\(JST\)/);
    expect(mailsTo(ts, 'ghost@rst.example', '')).toHaveLength(0);
  });

  it('resets once with the link, ends every session, mails a notice, and the old password stops working', async () => {
    const signedIn = await newClient(ts);
    expect((await signedIn.post('/t/rst/api/session', { email, password: PASSWORD })).status).toBe(200);
    expect((await signedIn.get('/t/rst/api/me')).status).toBe(200);

    const c = await newClient(ts);
    const before = mailsTo(ts, email, 'Reset').length;
    await c.post('/t/rst/api/password/forgot', { email });
    const mail = await eventually(() => mailsTo(ts, email, 'Reset')[before]);
    const token = linkToken(mail.text, '/t/rst/reset-password');

    expect((await c.post<{ email: string }>('/t/rst/api/password/reset/inspect', { token })).json).toEqual({
      email,
    });
    const short = await c.post<ErrorJson>('/t/rst/api/password/reset', { token, password: 'short one' });
    expect(short.json.error.code).toBe('PASSWORD_TOO_SHORT');
    const common = await c.post<ErrorJson>('/t/rst/api/password/reset', { token, password: 'password2024' });
    expect(common.json.error.code).toBe('PASSWORD_TOO_COMMON');
    for (const blank of [' '.repeat(12), '\t'.repeat(16), 'z'.repeat(14)]) {
      const simple = await c.post<ErrorJson>('/t/rst/api/password/reset', { token, password: blank });
      expect(simple.status).toBe(400);
      expect(simple.json.error.code).toBe('PASSWORD_TOO_SIMPLE');
    }
    const mine = await c.post<ErrorJson>('/t/rst/api/password/reset', {
      token,
      password: 'admin is the word of the day',
    });
    expect(mine.json.error.code).toBe('PASSWORD_CONTAINS_IDENTITY');

    expect((await c.post('/t/rst/api/password/reset', { token, password: NEW_PASSWORD })).status).toBe(204);
    const again = await c.post<ErrorJson>('/t/rst/api/password/reset', { token, password: NEW_PASSWORD });
    expect(again.status).toBe(410);
    expect(again.json.error.code).toBe('TOKEN_USED');

    expect((await signedIn.get('/t/rst/api/me')).status).toBe(401);
    await eventually(() => mailsTo(ts, email, 'changed')[0]);
    const old = await c.post<ErrorJson>('/t/rst/api/session', { email, password: PASSWORD });
    expect(old.json.error.code).toBe('INVALID_CREDENTIALS');
    expect((await c.post('/t/rst/api/session', { email, password: NEW_PASSWORD })).status).toBe(200);
  });

  it('links expire after 30 minutes, and a newer request replaces an older link', async () => {
    // An hour later: the earlier tests' reset mails no longer count against the hourly cap (3).
    clock.advance(61 * 60_000);
    const c = await newClient(ts);
    const before = mailsTo(ts, email, 'Reset').length;
    await c.post('/t/rst/api/password/forgot', { email });
    const first = linkToken(
      (await eventually(() => mailsTo(ts, email, 'Reset')[before])).text,
      '/t/rst/reset-password',
    );
    await c.post('/t/rst/api/password/forgot', { email });
    const second = linkToken(
      (await eventually(() => mailsTo(ts, email, 'Reset')[before + 1])).text,
      '/t/rst/reset-password',
    );
    expect(
      (await c.post<ErrorJson>('/t/rst/api/password/reset/inspect', { token: first })).json.error.code,
    ).toBe('TOKEN_USED');
    clock.advance(29 * 60_000);
    expect((await c.post('/t/rst/api/password/reset/inspect', { token: second })).status).toBe(200);
    clock.advance(2 * 60_000);
    const expired = await c.post<ErrorJson>('/t/rst/api/password/reset/inspect', { token: second });
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('TOKEN_EXPIRED');
  });
});
