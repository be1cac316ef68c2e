import { afterEach, describe, expect, it } from 'vitest';
import { throttleKey } from '../../src/modules/identity/throttle.js';
import { newId } from '../../src/platform/crypto/tokens.js';
import { purgeExpired } from '../../src/platform/jobs/housekeeping.js';
import { eventually } from '../support/flows.js';
import {
  mailsTo,
  movableClock,
  newClient,
  tenantDb,
  tenantWithAdmin,
  withoutRef,
  type ErrorJson,
} from '../support/identity.js';
import type { TestServer } from '../support/server.js';

const PASSWORD = 'quiet meadow lantern 7391';
let ts: TestServer | undefined;
afterEach(async () => {
  await ts?.stop();
  ts = undefined;
});

// The per-account lockout (throttle.ts). The request limits per account and per address on the
// sign-in routes (YOSAN_RATE_SIGN_IN_*) are tested in rate-limits.test.ts.
describe('sign-in throttling per account', () => {
  it('answers unknown addresses exactly like wrong passwords, locks after 5 failures, mails the user and unlocks later', async () => {
    const clock = movableClock();
    const env = await tenantWithAdmin('thr', PASSWORD, { clock: clock.now });
    ts = env.ts;
    const c = await newClient(ts);
    const known = (password: string) =>
      c.post<ErrorJson>('/t/thr/api/session', { email: env.email, password });
    const unknown = (password: string) =>
      c.post<ErrorJson>('/t/thr/api/session', { email: 'nobody@thr.example', password });

    for (let i = 1; i <= 4; i++) {
      const a = await known('wrong password number ' + i);
      const b = await unknown('wrong password number ' + i);
      expect(a.status).toBe(401);
      expect(a.json.error.code).toBe('INVALID_CREDENTIALS');
      expect(b.status).toBe(a.status);
      expect(withoutRef(b.json)).toEqual(withoutRef(a.json));
    }
    const a5 = await known('wrong password number 5');
    const b5 = await unknown('wrong password number 5');
    expect(a5.status).toBe(423);
    expect(a5.json.error.code).toBe('ACCOUNT_LOCKED');
    expect(a5.json.error.message).toMatch(/until \d{4}-\d\d-\d\d \d\d:\d\d \(JST\)/);
    expect(b5.status).toBe(423);
    expect(b5.json.error.code).toBe('ACCOUNT_LOCKED');

    // The right password is refused while the lock lasts.
    const locked = await known(PASSWORD);
    expect(locked.status).toBe(423);
    expect(c.cookies.has('__Host-yosan-t-thr')).toBe(false);

    const mail = await eventually(() => mailsTo(ts!, env.email, 'locked')[0]);
    expect(mail.text).toContain('127.0.0.1');
    expect(mailsTo(ts, 'nobody@thr.example', '')).toHaveLength(0);

    const db = await tenantDb(ts, 'thr');
    const log = await db
      .selectFrom('audit_log')
      .select(['action', 'result', 'target_label', 'summary'])
      .where('kind', '=', 'login')
      .execute();
    expect(log.filter((r) => r.action === 'auth.locked').map((r) => r.target_label)).toEqual([
      env.email,
      'nobody@thr.example',
    ]);
    expect(
      log.filter(
        (r) => r.action === 'auth.sign_in' && r.result === 'failure' && r.target_label === env.email,
      ),
    ).toHaveLength(6);

    clock.advance(61_000);
    expect((await known(PASSWORD)).status).toBe(200);
  });

  it('makes each further lock longer (1 minute, then 5 minutes)', async () => {
    const clock = movableClock();
    // 13 attempts on one account within real seconds (the clock is moved, the request limit's is
    // not): above the 10 a minute per account of the request limit, which rate-limits.test.ts covers.
    const env = await tenantWithAdmin('grow', PASSWORD, {
      clock: clock.now,
      env: { YOSAN_RATE_SIGN_IN_ACCOUNT_PER_MINUTE: '20' },
    });
    ts = env.ts;
    const c = await newClient(ts);
    const attempt = (password: string) =>
      c.post<ErrorJson>('/t/grow/api/session', { email: env.email, password });
    for (let i = 0; i < 5; i++) await attempt('not the password ' + i);
    expect((await attempt(PASSWORD)).status).toBe(423);
    clock.advance(61_000);
    for (let i = 0; i < 5; i++) await attempt('still not the password ' + i);
    clock.advance(2 * 60_000);
    expect((await attempt(PASSWORD)).json.error.code).toBe('ACCOUNT_LOCKED');
    clock.advance(3 * 60_000 + 1000);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  it('never allows more than 100 failed attempts per account in an hour', async () => {
    const clock = movableClock();
    const env = await tenantWithAdmin('cap', PASSWORD, { clock: clock.now });
    ts = env.ts;
    const db = await tenantDb(ts, 'cap');
    // 99 failures in the last hour (spread out, so no 5-in-a-row lock is active).
    const key = throttleKey(env.email);
    const t0 = clock.now().getTime() - 30 * 60_000;
    await db
      .insertInto('sign_in_failures')
      .values(
        Array.from({ length: 99 }, (_, i) => ({
          id: newId(),
          key,
          at: new Date(t0 + i * 1000).toISOString(),
        })),
      )
      .execute();
    const c = await newClient(ts);
    const attempt = (password: string) =>
      c.post<ErrorJson>('/t/cap/api/session', { email: env.email, password });
    // The 100th failure locks until the oldest of them is an hour old (30 minutes from now)…
    const hundredth = await attempt('one more wrong password');
    expect(hundredth.status).toBe(423);
    clock.advance(10 * 60_000);
    expect((await attempt(PASSWORD)).status).toBe(423);
    // …and no guess was even checked while locked.
    const failures = await db.selectFrom('sign_in_failures').select('id').where('key', '=', key).execute();
    expect(failures).toHaveLength(100);
    clock.advance(21 * 60_000);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  it('forgets a quiet, unlocked failure streak after a day in the hourly purge; a live lock stays', async () => {
    const clock = movableClock();
    const env = await tenantWithAdmin('fgt', PASSWORD, { clock: clock.now });
    ts = env.ts;
    const db = await tenantDb(ts, 'fgt');
    const c = await newClient(ts);
    for (let i = 1; i <= 3; i++) {
      await c.post('/t/fgt/api/session', { email: env.email, password: 'wrong password ' + i });
    }
    for (let i = 1; i <= 5; i++) {
      await c.post('/t/fgt/api/session', { email: 'locked@fgt.example', password: 'wrong password ' + i });
    }
    const keys = async () =>
      (await db.selectFrom('sign_in_throttle').select('key').orderBy('key').execute()).map((r) => r.key);
    expect(await keys()).toEqual([throttleKey(env.email), throttleKey('locked@fgt.example')].sort());
    const deps = ts.server.runtime.deps;
    // Within the day nothing is forgotten; the failures of the last hour stay for the hourly cap.
    expect(
      (await purgeExpired(deps.storage, new Date(clock.now().getTime() + 23 * 3_600_000))).throttles,
    ).toBe(0);
    // A day later the streaks are forgotten: the next wrong password starts again at 1.
    await db
      .updateTable('sign_in_throttle')
      .set({ locked_until: new Date(clock.now().getTime() + 48 * 3_600_000).toISOString() })
      .where('key', '=', throttleKey('locked@fgt.example'))
      .execute();
    const later = new Date(clock.now().getTime() + 25 * 3_600_000);
    expect((await purgeExpired(deps.storage, later)).throttles).toBe(1);
    expect(await keys()).toEqual([throttleKey('locked@fgt.example')]);
    expect(await db.selectFrom('sign_in_failures').select('id').execute()).toEqual([]);
  });
});
