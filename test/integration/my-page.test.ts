import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/flows.js';
import { mailsTo, movableClock, newClient, tenantWithAdmin, type ErrorJson } from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'maple station quartz 4471';
const clock = movableClock();
let ts: TestServer;
let email: string;

interface Me {
  user: { email: string; totpEnabled: boolean; previousSignIn: unknown };
  previousSignIn: { at: string; ip: string | null; userAgent: string | null } | null;
  recentSignIns: { at: string; ip: string | null; userAgent: string | null; result: string }[];
  sessions: { id: string; createdAt: string; lastSeenAt: string; current: boolean }[];
}

beforeAll(async () => {
  const env = await tenantWithAdmin('mine', PASSWORD, { clock: clock.now });
  ts = env.ts;
  email = env.email;
});
afterAll(async () => {
  await ts?.stop();
});

describe('My page', () => {
  it('shows the previous sign-in, recent successes and failures, and active sessions (ids, not tokens)', async () => {
    const a = await newClient(ts);
    await a.post('/t/mine/api/session', { email, password: PASSWORD }, { 'user-agent': 'Browser A' });
    const wrong = await newClient(ts);
    await wrong.post('/t/mine/api/session', { email, password: 'a wrong password here' });
    const b = await newClient(ts);
    await b.post('/t/mine/api/session', { email, password: PASSWORD }, { 'user-agent': 'Browser B' });

    const me = await b.get<Me>('/t/mine/api/me');
    expect(me.status).toBe(200);
    expect(me.json.previousSignIn?.at).toMatch(/\+09:00$/);
    expect(me.json.previousSignIn?.userAgent).toBe('Browser A');
    expect(me.json.previousSignIn?.ip).toBe('127.0.0.1');
    expect(me.json.recentSignIns.map((e) => e.result)).toEqual(['success', 'failure', 'success']);
    expect(me.json.sessions).toHaveLength(2);
    expect(me.json.sessions.filter((s) => s.current)).toHaveLength(1);
    const tokens = [a.cookies.get('__Host-yosan-t-mine')!, b.cookies.get('__Host-yosan-t-mine')!];
    for (const s of me.json.sessions) {
      expect(tokens).not.toContain(s.id);
      expect(s.createdAt).toMatch(/\+09:00$/);
    }
  });

  it('ends one session, then all of them', async () => {
    const a = await newClient(ts);
    await a.post('/t/mine/api/session', { email, password: PASSWORD });
    const b = await newClient(ts);
    await b.post('/t/mine/api/session', { email, password: PASSWORD });
    const me = await b.get<Me>('/t/mine/api/me');
    const other = me.json.sessions.filter((s) => !s.current);
    expect(other.length).toBeGreaterThan(0);
    for (const s of other) expect((await b.delete(`/t/mine/api/me/sessions/${s.id}`)).status).toBe(204);
    expect((await a.get('/t/mine/api/me')).status).toBe(401);
    const gone = await b.delete<ErrorJson>(`/t/mine/api/me/sessions/${other[0]!.id}`);
    expect(gone.json.error.code).toBe('SESSION_NOT_FOUND');
    const c = await newClient(ts);
    await c.post('/t/mine/api/session', { email, password: PASSWORD });
    expect((await b.post('/t/mine/api/me/sessions/revoke-all')).status).toBe(204);
    expect((await b.get('/t/mine/api/me')).status).toBe(401);
    expect((await c.get('/t/mine/api/me')).status).toBe(401);
  });

  it('changes the password only with the current one, keeps this session, ends others and mails a notice', async () => {
    const a = await newClient(ts);
    await a.post('/t/mine/api/session', { email, password: PASSWORD });
    const b = await newClient(ts);
    await b.post('/t/mine/api/session', { email, password: PASSWORD });
    const wrong = await b.post<ErrorJson>('/t/mine/api/me/password', {
      currentPassword: 'not the current one',
      newPassword: 'granite willow beacon 2207',
    });
    expect(wrong.json.error.code).toBe('CURRENT_PASSWORD_INCORRECT');
    const ok = await b.post('/t/mine/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'granite willow beacon 2207',
    });
    expect(ok.status).toBe(204);
    expect((await b.get('/t/mine/api/me')).status).toBe(200);
    expect((await a.get('/t/mine/api/me')).status).toBe(401);
    await eventually(() => mailsTo(ts, email, 'changed')[0]);
  });
});
