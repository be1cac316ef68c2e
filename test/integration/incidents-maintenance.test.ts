import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit-log.js';
import { notifyTenants } from '../../src/modules/incidents/fanout.js';
import { pruneHeartbeats, recordUptime } from '../../src/modules/maintenance/service.js';
import { opsDb } from '../../src/modules/maintenance/tables.js';
import { setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { mailTo, tenantWithAdmin } from '../support/tenant-admin.js';

interface ErrorJson {
  error: { code: string; message: string };
}
interface Incident {
  id: string;
  titleEn: string;
  resolvedAt: string | null;
  updates: { kind: string; bodyEn: string }[];
}
interface Window {
  id: string;
  status: string;
  active: boolean;
}

let now = Date.parse('2026-11-26T01:00:00Z');
let ts: TestServer;
let op: HttpsClient;
let adminA: HttpsClient;
let adminB: HttpsClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ts = await startTestServer({ clock: () => new Date(now) });
  op = await setUpOperator(ts);
  adminA = await tenantWithAdmin(ts, op, 'inc-a');
  adminB = await tenantWithAdmin(ts, op, 'inc-b');
  const tenants = await op.get<{ items: { id: string; slug: string }[] }>('/api/operator/tenants');
  for (const t of tenants.json.items) ids[t.slug] = t.id;
});
afterAll(async () => {
  await ts?.stop();
});

const controlAudit = (action: string) =>
  ts.server.runtime.deps.storage.control.kysely
    .selectFrom('audit_log')
    .select(['action', 'actor_type'])
    .where('action', '=', action)
    .execute();
const tenantAudit = (slug: string, action: string) =>
  ts.server.runtime.deps.storage
    .tenant(ids[slug]!)
    .kysely.selectFrom('audit_log')
    .select(['action', 'actor_type'])
    .where('action', '=', action)
    .execute();

describe('incidents', () => {
  it('are declared for some tenants: their admins are mailed at once, see the banner and the page; others see nothing', async () => {
    const res = await op.post<{ incident: Incident }>('/api/operator/incidents', {
      severity: 'major',
      allTenants: false,
      tenantIds: [ids['inc-a']],
      titleJa: '計画値の保存が遅延しています',
      titleEn: 'Saving plan values is slow',
      descriptionJa: '原因を調査しています。',
      descriptionEn: 'We are investigating.',
      startedAt: '2026-11-26T09:30:00+09:00',
    });
    expect(res.status).toBe(201);
    const id = res.json.incident.id;
    const mail = await mailTo(ts, 'admin@inc-a.example', 'investigating');
    expect(mail.subject).toContain('Saving plan values is slow');
    expect(mail.text).toContain('2026-11-26 09:30');
    expect(mail.text).toContain(`/t/inc-a/incidents/${id}`);

    const notices = await adminA.get<{ incidents: { id: string }[] }>('/t/inc-a/api/notices');
    expect(notices.json.incidents.map((i) => i.id)).toEqual([id]);
    expect((await adminA.get(`/t/inc-a/api/incidents/${id}`)).status).toBe(200);
    // Tenant B is not affected: no banner, no page by id, no list entry.
    expect((await adminB.get<{ incidents: unknown[] }>('/t/inc-b/api/notices')).json.incidents).toEqual([]);
    const other = await adminB.get<ErrorJson>(`/t/inc-b/api/incidents/${id}`);
    expect(other.status).toBe(404);
    expect(other.json.error.code).toBe('INCIDENT_NOT_FOUND');
    expect((await adminB.get<{ items: unknown[] }>('/t/inc-b/api/incidents')).json.items).toEqual([]);

    await op.post(`/api/operator/incidents/${id}/updates`, {
      bodyJa: '原因を特定しました。',
      bodyEn: 'Cause found.',
      resolve: false,
    });
    await mailTo(ts, 'admin@inc-a.example', 'Cause found.');
    const resolved = await op.post<{ incident: Incident }>(`/api/operator/incidents/${id}/updates`, {
      bodyJa: '復旧しました。',
      bodyEn: 'Fixed.',
      resolve: true,
    });
    expect(resolved.json.incident.resolvedAt).not.toBeNull();
    await mailTo(ts, 'admin@inc-a.example', 'Fixed.');
    // History stays; the banner goes.
    expect((await adminA.get<{ incidents: unknown[] }>('/t/inc-a/api/notices')).json.incidents).toEqual([]);
    const page = await adminA.get<{ incident: Incident }>(`/t/inc-a/api/incidents/${id}`);
    expect(page.json.incident.updates.map((u) => u.kind)).toEqual(['update', 'resolution']);
    const again = await op.post<ErrorJson>(`/api/operator/incidents/${id}/updates`, {
      bodyJa: 'x',
      bodyEn: 'x',
      resolve: true,
    });
    expect(again.json.error.code).toBe('INCIDENT_RESOLVED');

    expect(await controlAudit('incident.declare')).toHaveLength(1);
    expect(await controlAudit('incident.resolve')).toHaveLength(1);
    expect(await tenantAudit('inc-a', 'incident.declare')).toEqual([
      { action: 'incident.declare', actor_type: 'operator' },
    ]);
    expect(await tenantAudit('inc-b', 'incident.declare')).toEqual([]);
    // The notification job is idempotent per tenant: a retry after a partial run tells nobody twice.
    await notifyTenants(ts.server.runtime.deps, {
      subject: 'incident',
      id,
      action: 'incident.declare',
      actor: SYSTEM_ACTOR,
    });
    expect(await tenantAudit('inc-a', 'incident.declare')).toHaveLength(1);
    const declared = await ts.server.runtime.deps.storage.control.kysely
      .selectFrom('jobs')
      .select('id')
      .where('type', '=', 'mail.send')
      .where('payload', 'like', '%We are investigating.%')
      .execute();
    expect(declared).toHaveLength(1);
  });

  it('refuses bad input with ja/en messages', async () => {
    const none = await op.post<ErrorJson>('/api/operator/incidents', {
      severity: 'minor',
      allTenants: false,
      tenantIds: [],
      titleJa: 'x',
      titleEn: 'x',
      descriptionJa: 'x',
      descriptionEn: 'x',
      startedAt: '2026-11-26T09:30:00+09:00',
    });
    expect(none.json.error.code).toBe('INCIDENT_TENANTS_REQUIRED');
    op.lang = 'ja';
    const badTime = await op.post<ErrorJson>('/api/operator/incidents', {
      severity: 'minor',
      allTenants: true,
      tenantIds: [],
      titleJa: 'x',
      titleEn: 'x',
      descriptionJa: 'x',
      descriptionEn: 'x',
      startedAt: 'yesterday!',
    });
    op.lang = 'en';
    expect(badTime.status).toBe(400);
    expect(badTime.json.error.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    const badSeverity = await op.post<ErrorJson>('/api/operator/incidents', {
      severity: 'huge',
      allTenants: true,
      tenantIds: [],
      titleJa: 'x',
      titleEn: 'x',
      descriptionJa: 'x',
      descriptionEn: 'x',
      startedAt: '2026-11-26T09:30:00+09:00',
    });
    expect(badSeverity.json.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('maintenance', () => {
  it('is announced (mail, banner), answers tenants 503 with Retry-After and a ja/en notice, keeps /healthz and the console, and can end early', async () => {
    const res = await op.post<{ window: Window }>('/api/operator/maintenance', {
      startsAt: '2026-11-26T10:10:00+09:00',
      endsAt: '2026-11-26T12:00:00.000+09:00',
      noticeJa: 'OS の更新を行います。',
      noticeEn: 'We are updating the operating system.',
    });
    expect(res.status).toBe(201);
    const w = res.json.window;
    const mail = await mailTo(ts, 'admin@inc-b.example', 'updating the operating system');
    expect(mail.text).toContain('2026-11-26 10:10');
    const banner = await adminB.get<{ maintenance: Window[] }>('/t/inc-b/api/notices');
    expect(banner.json.maintenance.map((m) => m.id)).toEqual([w.id]);
    expect(await tenantAudit('inc-b', 'maintenance.schedule')).toHaveLength(1);

    now = Date.parse('2026-11-26T01:15:00Z'); // 10:15 JST: in the window
    const api = await adminA.get<ErrorJson>('/t/inc-a/api/notices');
    expect(api.status).toBe(503);
    expect(api.headers['retry-after']).toBe(String(105 * 60));
    expect(api.json.error.code).toBe('MAINTENANCE_IN_PROGRESS');
    expect(api.json.error.message).toContain('2026-11-26 12:00');
    const pageJa = await adminA.get('/t/inc-a/', { accept: 'text/html', 'accept-language': 'ja' });
    expect(pageJa.status).toBe(503);
    expect(pageJa.headers['content-type']).toContain('text/html');
    expect(pageJa.text).toContain('計画メンテナンス中');
    expect(pageJa.text).toContain('OS の更新を行います。');
    const pageEn = await adminA.get('/t/inc-a/support', { accept: 'text/html', 'accept-language': 'en' });
    expect(pageEn.text).toContain('We are updating the operating system.');

    const health = await ts
      .client()
      .get<{ status: string; maintenance?: { active: boolean; endsAt: string } }>('/healthz');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({
      status: 'ok',
      maintenance: { active: true, endsAt: '2026-11-26T12:00:00.000+09:00' },
    });
    const list = await op.get<{ items: Window[] }>('/api/operator/maintenance');
    expect(list.status).toBe(200);
    expect(list.json.items[0]?.active).toBe(true);

    const ended = await op.post<{ window: Window }>(`/api/operator/maintenance/${w.id}/end`);
    expect(ended.json.window.status).toBe('ended');
    expect((await adminA.get('/t/inc-a/api/notices')).status).toBe(200);
    expect((await ts.client().get('/healthz')).json).toEqual({ status: 'ok' });
    expect(await controlAudit('maintenance.end')).toHaveLength(1);
    const twice = await op.post<ErrorJson>(`/api/operator/maintenance/${w.id}/end`);
    expect(twice.json.error.code).toBe('MAINTENANCE_STATE_CONFLICT');
  });

  it('refuses a window that ends before it starts or in the past; cancels one not yet begun', async () => {
    const bad = await op.post<ErrorJson>('/api/operator/maintenance', {
      startsAt: '2026-11-27T10:00:00+09:00',
      endsAt: '2026-11-27T09:00:00+09:00',
      noticeJa: 'x',
      noticeEn: 'x',
    });
    expect(bad.json.error.code).toBe('MAINTENANCE_PERIOD_INVALID');
    const future = await op.post<{ window: Window }>('/api/operator/maintenance', {
      startsAt: '2026-12-20T22:00:00.000+09:00',
      endsAt: '2026-12-21T02:00:00.000+09:00',
      noticeJa: '定期',
      noticeEn: 'Monthly',
    });
    const cancelled = await op.post<{ window: Window }>(
      `/api/operator/maintenance/${future.json.window.id}/end`,
    );
    expect(cancelled.json.window.status).toBe('cancelled');
  });

  it('offers the third Sunday night of a month (JST) and shows availability against 99.99 %', async () => {
    const s = await op.get<{ date: string; startsAt: string; endsAt: string }>(
      '/api/operator/maintenance/third-sunday?month=2026-12',
    );
    expect(s.json).toEqual({
      date: '2026-12-20',
      startsAt: '2026-12-20T22:00:00.000+09:00',
      endsAt: '2026-12-21T02:00:00.000+09:00',
    });
    expect((await op.get('/api/operator/maintenance/third-sunday?month=2026-13')).status).toBe(400);
    const a = await op.get<{ goal: number; months: { month: string; percent: number | null }[] }>(
      '/api/operator/availability?months=2',
    );
    expect(a.json.goal).toBe(99.99);
    expect(a.json.months.map((m) => m.month)).toEqual(['2026-11', '2026-10']);
    const events = await opsDb(ts.server.runtime.deps.storage.control)
      .selectFrom('uptime_events')
      .selectAll()
      .execute();
    expect(events.length).toBeGreaterThan(0); // the start event of this server
    // Old heartbeats are pruned; start/stop events and recent heartbeats stay.
    const control = ts.server.runtime.deps.storage.control.kysely;
    const old = new Date(now - 900 * 86_400_000);
    await recordUptime(control, 'heartbeat', old);
    await recordUptime(control, 'stop', old);
    await recordUptime(control, 'heartbeat', new Date(now));
    await pruneHeartbeats(control, new Date(now));
    const kinds = await opsDb(ts.server.runtime.deps.storage.control)
      .selectFrom('uptime_events')
      .select(['kind', 'at'])
      .where('at', '<', new Date(now - 800 * 86_400_000).toISOString())
      .execute();
    expect(kinds).toEqual([{ kind: 'stop', at: old.toISOString() }]);
  });
});
