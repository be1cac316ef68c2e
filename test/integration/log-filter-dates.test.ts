import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logTenantAdmin } from '../support/evidence.js';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import type { ErrorJson } from '../support/identity.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 21 point 2: the date filters of the eight log routes at the edges of the calendar.
 * `?to=9999-12-31` was a 500 (RangeError: Invalid time value) on every one of them.
 */
let ts: TestServer;
let admin: HttpsClient;
beforeAll(async () => {
  ts = await startTestServer();
  const op = await setUpOperator(ts);
  ({ admin } = await logTenantAdmin(ts, op, 'edges'));
});
afterAll(async () => {
  await ts?.stop();
});

const LOGS = ['operations', 'logins', 'access', 'errors'];
const ROUTES = LOGS.flatMap((l) => [`/t/edges/api/admin/logs/${l}`, `/t/edges/api/admin/logs/${l}/export`]);

describe('log filters at the edges of the calendar', () => {
  it('answers years 0000 to 9999 on all eight routes (never a 500)', async () => {
    for (const route of ROUTES) {
      for (const q of [
        'to=9999-12-31',
        'from=9999-12-31',
        'from=0000-01-01',
        'from=0001-01-01&to=9999-12-31',
      ]) {
        const res = await admin.get(`${route}?${q}`);
        expect(res.status, `${route}?${q}: ${res.text}`).toBe(200);
      }
    }
  });

  it('finds the same entries for the widest period as without one, and none after 9999-12-31 begins', async () => {
    const all = await admin.get<{ items: unknown[] }>('/t/edges/api/admin/logs/logins');
    expect(all.json.items.length).toBeGreaterThan(0);
    const widest = await admin.get<{ items: unknown[] }>(
      '/t/edges/api/admin/logs/logins?from=0001-01-01&to=9999-12-31',
    );
    expect(widest.json.items).toEqual(all.json.items);
    const before1970 = await admin.get<{ items: unknown[] }>('/t/edges/api/admin/logs/logins?to=1969-12-31');
    expect(before1970.json.items).toEqual([]);
    const last = await admin.get<{ items: unknown[] }>('/t/edges/api/admin/logs/logins?from=9999-12-31');
    expect(last.json.items).toEqual([]);
  });

  it('refuses dates that do not exist with a 400 naming the field', async () => {
    for (const route of ROUTES) {
      for (const q of ['to=2026-02-30', 'from=2026-13-01', 'to=10000-01-01', 'from=2026-2-3', 'to=']) {
        const res = await admin.get<ErrorJson & { error: { issues?: { path: string }[] } }>(`${route}?${q}`);
        expect(res.status, `${route}?${q}: ${res.text}`).toBe(400);
        expect(res.json.error.code).toBe('VALIDATION_FAILED');
        expect(res.json.error.issues?.[0]?.path).toMatch(/^querystring:\/(from|to)$/);
      }
    }
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await admin.get<ErrorJson>(
      '/t/edges/api/admin/logs/operations?from=9999-12-31&to=0001-01-01',
    );
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('LOG_PERIOD_INVALID');
  });
});
