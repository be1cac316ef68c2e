import { createPublicKey, verify } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, type Actor } from '../../src/platform/audit/audit-log.js';
import { canonicalJson } from '../../src/platform/audit/canonical.js';
import { inTransaction } from '../../src/platform/db/unit-of-work.js';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { logTenantAdmin as tenantAdmin } from '../support/evidence.js';

interface Page<T> {
  items: T[];
  nextCursor: number | null;
  timeZone: string;
}
interface AuditItem {
  seq: number;
  at: string;
  action: string;
  actor: { type: string; name: string | null };
  target: { label: string | null } | null;
  summary: unknown;
}

let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
let tenantId: string;
const flush = () => ts.server.app.accessLog.flush();
const tenantDb = () => ts.server.runtime.deps.storage.tenant(tenantId);
const L = '/t/logco/api/admin/logs';

async function append(actor: Actor, action: string, label: string, at?: string, summary = {}) {
  await inTransaction(tenantDb(), (tx) =>
    appendAudit(
      tx,
      actor,
      { kind: 'operation', action, target: { type: 'thing', id: action, label }, summary },
      at ? () => new Date(at) : undefined,
    ),
  );
}
const eve: Actor = { type: 'user', id: 'u-eve', name: 'Eve', ip: '10.0.0.9', userAgent: 'ua' };

beforeAll(async () => {
  ts = await startTestServer();
  op = await setUpOperator(ts);
  ({ admin, tenantId } = await tenantAdmin(ts, op, 'logco'));
  await tenantAdmin(ts, op, 'other');
});
afterAll(async () => {
  await ts?.stop();
});

describe('operation and sign-in logs', () => {
  it('show the operator’s actions on the tenant (create, suspend, resume) with actor type operator', async () => {
    for (const verb of ['suspend', 'resume']) {
      expect((await op.post(`/api/operator/tenants/${tenantId}/${verb}`)).status).toBe(200);
    }
    await admin.post('/t/logco/api/session', {
      email: 'admin@logco.example',
      password: 'plum orchard twilight 88',
    });
    const res = await admin.get<Page<AuditItem>>(`${L}/operations`);
    expect(res.status).toBe(200);
    expect(res.json.timeZone).toBe('Asia/Tokyo');
    const ops = res.json.items.filter((i) => i.actor.type === 'operator').map((i) => i.action);
    expect(ops).toEqual(expect.arrayContaining(['tenant.create', 'tenant.suspend', 'tenant.resume']));
    expect(res.json.items[0]!.at).toMatch(/\+09:00$/);
    const seqs = res.json.items.map((i) => i.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const logins = await admin.get<Page<AuditItem>>(`${L}/logins`);
    expect(logins.json.items.map((i) => i.action)).toContain('auth.sign_in');
    expect(logins.json.items.every((i) => !['tenant.create'].includes(i.action))).toBe(true);
  });

  it('pages with a cursor (newest first, no duplicates) and filters by action, user, target and result', async () => {
    for (let i = 0; i < 120; i++) await append(eve, i % 3 === 0 ? 'thing.fizz' : 'thing.other', `label ${i}`);
    const seen: number[] = [];
    let cursor: number | null = null;
    do {
      const q: string = `${L}/operations?action=thing.other&limit=50${cursor ? `&cursor=${cursor}` : ''}`;
      const page: Page<AuditItem> = (await admin.get<Page<AuditItem>>(q)).json;
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(80);
    expect(new Set(seen).size).toBe(80);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const byUser = await admin.get<Page<AuditItem>>(`${L}/operations?user=u-eve&action=thing.fizz&limit=200`);
    expect(byUser.json.items).toHaveLength(40);
    const byLabel = await admin.get<Page<AuditItem>>(`${L}/operations?target=LABEL%2011`);
    expect(byLabel.json.items.map((i) => i.target?.label).sort()).toEqual([
      'label 11',
      'label 110',
      'label 111',
      'label 112',
      'label 113',
      'label 114',
      'label 115',
      'label 116',
      'label 117',
      'label 118',
      'label 119',
    ]);
    const percent = await admin.get<Page<AuditItem>>(`${L}/operations?target=%25`);
    expect(percent.json.items).toHaveLength(0);
    const failures = await admin.get<Page<AuditItem>>(`${L}/operations?result=failure`);
    expect(failures.json.items).toHaveLength(0);
  });

  it('filters by JST calendar dates (the day runs 00:00–24:00 +09:00) and refuses a reversed period', async () => {
    // Times in the far future keep the log's times non-decreasing after the entries above.
    for (const at of [
      '2099-05-01T14:59:59.999Z',
      '2099-05-01T15:00:00.000Z',
      '2099-05-02T14:59:59.999Z',
      '2099-05-02T15:00:00.000Z',
    ]) {
      await append(eve, 'thing.dated', at, at);
    }
    const day = await admin.get<Page<AuditItem>>(`${L}/operations?from=2099-05-02&to=2099-05-02`);
    expect(day.json.items.map((i) => i.at)).toEqual([
      '2099-05-02T23:59:59.999+09:00',
      '2099-05-02T00:00:00.000+09:00',
    ]);
    const bad = await admin.get<{ error: { code: string; refId: string } }>(
      `${L}/operations?from=2099-05-03&to=2099-05-02`,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('LOG_PERIOD_INVALID');
    await flush();
    const err = await admin.get<
      Page<{ code: string; refId: string; route: string; user: { id: string } | null }>
    >(`${L}/errors?refId=${bad.json.error.refId}`);
    expect(err.json.items).toEqual([
      expect.objectContaining({
        code: 'LOG_PERIOD_INVALID',
        refId: bad.json.error.refId,
        route: '/t/:slug/api/admin/logs/operations',
      }),
    ]);
    expect(err.json.items[0]!.user).not.toBeNull();
  });
});

describe('access log', () => {
  it('records route patterns (never raw URLs or query strings), status, user and client; another tenant sees none of it', async () => {
    await admin.get(`${L}/operations?target=secret-value-123&limit=1`, { 'user-agent': 'Tester/1.0' });
    await flush();
    const res = await admin.get<
      Page<{
        route: string;
        method: string;
        status: number;
        user: { name: string } | null;
        userAgent: string;
        ip: string;
        durationMs: number;
      }>
    >(`${L}/access?limit=200`);
    const mine = res.json.items.find((i) => i.userAgent === 'Tester/1.0');
    expect(mine).toMatchObject({
      route: '/t/:slug/api/admin/logs/operations',
      method: 'GET',
      status: 200,
      ip: '127.0.0.1',
    });
    expect(mine!.user).not.toBeNull();
    expect(res.text).not.toContain('secret-value-123');
    expect(res.text).not.toContain('?');
    const other = await tenantAdmin(ts, op, 'third');
    const theirs = await other.admin.get(`${L.replace('logco', 'third')}/access?limit=200`);
    expect(theirs.text).not.toContain('Tester/1.0');
    expect((await other.admin.get(`${L}/access`)).status).toBe(401);
  });
});

describe('exports', () => {
  it('streams CSV (BOM, ja header, +09:00, formula cells escaped) that parses back to the same entries despite injected line breaks', async () => {
    const nasty = { ...eve, name: 'Mallory\r\n2026-01-01,forged,row', userAgent: 'UA "quoted", \n next' };
    await append(nasty, 'thing.inject', '=HYPERLINK("http://evil")', undefined, {
      note: 'line1\nline2\u2028x',
      formula: '+1',
    });
    await append(eve, 'thing.inject', '-2+3', undefined);
    admin.lang = 'ja';
    const res = await admin.get(`${L}/operations/export?format=csv&action=thing.inject`);
    admin.lang = 'en';
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse<Record<string, string>>(res.text.slice(1), { columns: true });
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]!)).toContain('日時');
    expect(rows[1]!['対象']).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[0]!['対象']).toBe(`'-2+3`);
    expect(rows[1]!['実行者']).toBe('Mallory  2026-01-01,forged,row');
    expect(rows[1]!['日時']).toMatch(/\+09:00$/);
    expect(JSON.parse(rows[1]!['詳細']!)).toEqual({ note: 'line1\nline2\u2028x', formula: '+1' });
  });

  it('streams JSON Lines: one parseable entry per line, whatever the text inside', async () => {
    const res = await admin.get(`${L}/operations/export?format=jsonl&action=thing.inject`);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = res.text.split(/\r?\n|\u2028|\u2029/).filter(Boolean);
    expect(lines).toHaveLength(2);
    const entries = lines.map((l) => JSON.parse(l) as AuditItem);
    expect(entries[1]!.summary).toEqual({ note: 'line1\nline2\u2028x', formula: '+1' });
    expect(entries[1]!.actor.name).toBe('Mallory  2026-01-01,forged,row');
    const ops = await admin.get<Page<AuditItem>>(`${L}/operations?action=logs.export`);
    expect(ops.json.items.length).toBeGreaterThanOrEqual(2);
  });

  it('exports the access and error logs too', async () => {
    await flush();
    const csv = await admin.get(`${L}/access/export?format=csv`);
    const rows = parse<Record<string, string>>(csv.text.slice(1), { columns: true });
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => !r['Route']!.includes('?'))).toBe(true);
    const errors = await admin.get(`${L}/errors/export?format=jsonl`);
    expect(
      errors.text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { code: string }).code),
    ).toContain('LOG_PERIOD_INVALID');
  });
});

describe('verification', () => {
  it('answers a signed report that verifies with the given public key', async () => {
    const res = await admin.post<{
      report: { result: string; entriesChecked: number; tenant: { slug: string } };
      signature: string;
      publicKey: string;
      publicKeyFingerprint: string;
    }>(`${L}/verify`);
    expect(res.status).toBe(200);
    expect(res.json.report).toMatchObject({ result: 'valid', tenant: { slug: 'logco' } });
    expect(res.json.report.entriesChecked).toBeGreaterThan(120);
    const key = createPublicKey(res.json.publicKey);
    const ok = verify(
      null,
      Buffer.from(canonicalJson(res.json.report)),
      key,
      Buffer.from(res.json.signature, 'base64'),
    );
    expect(ok).toBe(true);
    const forged = { ...res.json.report, result: 'invalid' };
    expect(
      verify(null, Buffer.from(canonicalJson(forged)), key, Buffer.from(res.json.signature, 'base64')),
    ).toBe(false);
  });

  it('shows the operator the clock source and sync state without failing', async () => {
    const res = await op.get<{
      time: {
        synchronised: string;
        source: string;
        probes: { method: string; ok: boolean }[];
        serverTime: string;
      };
    }>('/api/operator/status');
    expect(res.status).toBe(200);
    expect(['yes', 'no', 'unknown']).toContain(res.json.time.synchronised);
    expect(res.json.time.probes.map((p) => p.method)).toEqual([
      'timedatectl show -p NTPSynchronized -p NTP',
      'file /run/systemd/timesync/synchronized',
      'chronyc tracking',
    ]);
    expect(res.json.time.serverTime).toMatch(/\+09:00$/);
    expect((await admin.get('/api/operator/status')).status).toBe(401);
  });
});
