import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateIn } from '../../src/modules/contracts/calendar.js';
import { runContractDay } from '../../src/modules/contracts/daily.js';
import { exportFile } from '../../src/modules/exports/service.js';
import { evidenceDb } from '../../src/platform/audit/evidence-tables.js';
import type { AppDeps } from '../../src/platform/server/context.js';
import { getBytes, unzip } from '../support/contracts.js';
import { eventually, OPERATOR, outboxMessages, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { movableClock } from '../support/identity.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { PASSWORD, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

const DAY = 86_400_000;
let ts: TestServer;
let op: HttpsClient;
let deps: AppDeps;
const clock = movableClock();

interface TenantView {
  id: string;
  slug: string;
  status: string;
}
interface ContractView {
  contractEnd: string;
  closingDay: string;
  backupDeadline: string;
  cancelled: { by: string } | null;
  reminders: { kind: string }[];
}

async function tenantId(slug: string): Promise<string> {
  const res = await op.get<{ items: TenantView[] }>('/api/operator/tenants');
  return res.json.items.find((t) => t.slug === slug)!.id;
}

/** The audit entries of the control database (`control`) or of a tenant (its id). */
function auditActions(scope: string) {
  const k = evidenceDb(scope === 'control' ? deps.storage.control.kysely : deps.storage.tenant(scope).kysely);
  return k.selectFrom('audit_log').select(['action', 'summary', 'actor_type']).orderBy('seq').execute();
}

async function signIn(slug: string, email: string): Promise<HttpsClient> {
  const c = ts.client();
  await c.primeCsrf();
  const res = await c.post(`/t/${slug}/api/session`, { email, password: PASSWORD });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${res.text}`);
  return c;
}

async function operatorSignIn(): Promise<HttpsClient> {
  const c = ts.client();
  await c.primeCsrf();
  const res = await c.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password });
  if (res.status !== 200) throw new Error(`operator sign-in: ${res.status} ${res.text}`);
  return c;
}

beforeAll(async () => {
  ts = await startTestServer({ clock: clock.now });
  deps = ts.server.runtime.deps;
  op = await setUpOperator(ts);
});
afterAll(async () => {
  await ts?.stop();
});

describe('contract end date and reminders', () => {
  it('lets the operator set the end date (both logs) and mails org admins 30 and 7 days before, once each', async () => {
    await tenantWithAdmin(ts, op, 'remind-co');
    const id = await tenantId('remind-co');
    const today = dateIn(clock.now(), 'Asia/Tokyo');
    const end = addDays(today, 30);

    const bad = await op.request<{ error: { code: string } }>('PUT', `/api/operator/tenants/${id}/contract`, {
      contractEnd: '2026-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    const early = await op.request<{ error: { code: string } }>(
      'PUT',
      `/api/operator/tenants/${id}/contract`,
      {
        contractEnd: '2020-01-01',
      },
    );
    expect(early.json.error.code).toBe('CONTRACT_DATES_INVALID');

    const set = await op.request<{ contract: ContractView }>('PUT', `/api/operator/tenants/${id}/contract`, {
      contractEnd: end,
    });
    expect(set.status).toBe(200);
    expect(set.json.contract).toMatchObject({
      contractEnd: end,
      closingDay: addDays(end, 1),
      backupDeadline: addDays(end, 30),
    });
    for (const scope of ['control', id]) {
      const entry = (await auditActions(scope)).filter((a) => a.action === 'tenant.contract_end').at(-1)!;
      expect(JSON.parse(entry.summary)).toMatchObject({ from: '2027-03-31', to: end });
    }

    const reminders = () =>
      outboxMessages(ts).filter((m) => m.to === 'admin@remind-co.example' && m.subject.includes(end));
    expect((await runContractDay(deps, clock.now())).reminders).toBe(1);
    await eventually(() => reminders().length === 1 || undefined);
    expect(reminders()[0]!.text).toContain(`/t/remind-co/admin/export`);
    expect((await runContractDay(deps, clock.now())).reminders).toBe(0);

    clock.advance(22 * DAY); // 8 days before: the 30-day reminder was sent, nothing new
    expect((await runContractDay(deps, clock.now())).reminders).toBe(0);
    clock.advance(1 * DAY); // 7 days before
    expect((await runContractDay(deps, clock.now())).reminders).toBe(1);
    expect((await runContractDay(deps, clock.now())).reminders).toBe(0);
    await eventually(() => reminders().length === 2 || undefined);
    expect(
      reminders()
        .map((m) => m.text)
        .join(),
    ).toContain('7 days');
    clock.advance(-23 * DAY);
    op = await operatorSignIn(); // the session ended while the clock was 23 days on
    const status = await op.get<{ contract: ContractView }>(`/api/operator/tenants/${id}/contract`);
    expect(status.json.contract.reminders.map((r) => r.kind)).toEqual(['30d', '7d']);
  });

  it('runs the day through the scheduled job type on the durable queue', async () => {
    const { enqueue } = await import('../../src/platform/jobs/queue.js');
    const { inTransaction } = await import('../../src/platform/db/unit-of-work.js');
    const jobId = await inTransaction(deps.storage.control, (tx) =>
      enqueue(tx, { type: 'contracts.daily', payload: {} }),
    );
    await eventually(async () => {
      const j = await deps.storage.control.kysely
        .selectFrom('jobs')
        .select('status')
        .where('id', '=', jobId)
        .executeTakeFirst();
      return j?.status === 'done' || undefined;
    });
    expect(ts.server.runtime.scheduler.next().map((s) => s.name)).toContain('contracts.daily');
  });
});

describe('termination cancelled by the operator', () => {
  it('needs the slug typed exactly; the tenant then stays open after its end date', async () => {
    await tenantWithAdmin(ts, op, 'stay-co');
    const id = await tenantId('stay-co');
    const today = dateIn(clock.now(), 'Asia/Tokyo');
    await op.request('PUT', `/api/operator/tenants/${id}/contract`, { contractEnd: today });
    const wrong = await op.post<{ error: { code: string; message: string } }>(
      `/api/operator/tenants/${id}/termination/cancel`,
      { confirmSlug: 'stay-c0' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatchObject({ code: 'CONFIRMATION_MISMATCH' });
    expect(wrong.json.error.message).toContain('stay-co');
    const ok = await op.post<{ contract: ContractView }>(`/api/operator/tenants/${id}/termination/cancel`, {
      confirmSlug: 'stay-co',
    });
    expect(ok.status).toBe(200);
    expect(ok.json.contract.cancelled?.by).toBe('Ops Tanaka');
    const again = await op.post<{ error: { code: string } }>(
      `/api/operator/tenants/${id}/termination/cancel`,
      {
        confirmSlug: 'stay-co',
      },
    );
    expect(again.json.error.code).toBe('TERMINATION_ALREADY_CANCELLED');
    expect((await auditActions(id)).map((a) => a.action)).toContain('tenant.termination_cancel');

    clock.advance(2 * DAY);
    try {
      await runContractDay(deps, clock.now());
      const t = await deps.storage.control.kysely
        .selectFrom('tenants')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      expect(t?.status).toBe('active');
      await signIn('stay-co', 'admin@stay-co.example');
    } finally {
      clock.advance(-2 * DAY);
      op = await operatorSignIn();
    }
  });
});

describe('customer export', () => {
  it('archives the whole tenant with checksums and no secrets, audited, downloadable for 7 days', async () => {
    const admin = await tenantWithAdmin(ts, op, 'export-co');
    const id = await tenantId('export-co');
    await registerUser(admin, 'export-co', 'sato@export-co.example', { displayName: '佐藤 花子' });
    const g = await admin.post('/t/export-co/api/admin/groups', { name: '経理部', description: 'finance' });
    expect(g.status).toBe(201);
    // A small model with figures: the export carries it as a package any Yosan can import.
    const std = await admin.post<{ items: { object: { id: string; code: string } }[] }>(
      '/t/export-co/api/model/standard-dimensions',
      { fiscalYear: 2027 },
    );
    const dims = Object.fromEntries(std.json.items.map((i) => [i.object.code, i.object.id]));
    const cube = await admin.post<{ object: { id: string } }>('/t/export-co/api/model/cubes', {
      code: 'PL',
      nameJa: '損益',
      nameEn: 'P&L',
      dimensionIds: [dims['Account'], dims['Department']],
    });
    expect(
      (
        await admin.post(`/t/export-co/api/model/cubes/${cube.json.object.id}/cells`, {
          cells: [{ coords: { Account: 'NET_SALES', Department: 'SALES' }, value: 1234.5 }],
        })
      ).status,
    ).toBe(200);

    // The access log is written in batches (every 500 ms): wait until this tenant's is on disk.
    await eventually(async () => {
      const { sql } = await import('kysely');
      const r = await sql<{ n: number }>`select count(*) as n from access_log`.execute(
        deps.storage.tenant(id).kysely,
      );
      return Number(r.rows[0]!.n) > 0 || undefined;
    });
    const req = await admin.post<{ export: { id: string; status: string } }>(
      '/t/export-co/api/admin/exports',
    );
    expect(req.status).toBe(202);
    const exportId = req.json.export.id;
    const busy = await admin.post<{ error: { code: string } }>('/t/export-co/api/admin/exports');
    expect([202, 409]).toContain(busy.status); // 409 while the first is still being built
    const ready = await eventually(async () => {
      const list = await admin.get<{
        items: { id: string; status: string; progress: number; sha256: string }[];
      }>('/t/export-co/api/admin/exports');
      const e = list.json.items.find((x) => x.id === exportId);
      return e?.status === 'ready' ? e : undefined;
    });
    expect(ready.progress).toBe(100);

    const dl = await getBytes(ts, admin, `/t/export-co/api/admin/exports/${exportId}/download`);
    expect(dl.status).toBe(200);
    expect(String(dl.headers['content-disposition'])).toMatch(/yosan-export-export-co-\d{8}\.zip/);
    expect(createHash('sha256').update(dl.body).digest('hex')).toBe(ready.sha256);
    const files = await unzip(dl.body);
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      format: string;
      version: number;
      files: { path: string; rows: number; sha256: string }[];
    };
    expect(manifest).toMatchObject({ format: 'yosan-export', version: 1 });
    for (const f of manifest.files) {
      expect(createHash('sha256').update(files.get(f.path)!).digest('hex')).toBe(f.sha256);
      expect(files.get('SHA256SUMS')!.toString()).toContain(`${f.sha256}  ${f.path}`);
    }
    const text = (p: string) => files.get(p)!.toString('utf8');
    expect(text('directory/users.jsonl')).toContain('佐藤 花子');
    expect(text('directory/groups.jsonl')).toContain('経理部');
    expect(text('logs/operation.jsonl')).toContain('export.request');
    expect(text('logs/sign-in.jsonl')).toContain('admin@export-co.example');
    expect(text('logs/access.jsonl').length, JSON.stringify(manifest.files)).toBeGreaterThan(0);
    const all = [...files.values()].map((b) => b.toString('utf8')).join('\n');
    expect(all).not.toMatch(/password_hash|\$argon2|totp_secret|code_hash/);
    for (const p of [
      'content/dimensions.jsonl',
      'figures/cells.jsonl',
      'figures/texts.jsonl',
      'logs/error.jsonl',
    ])
      expect(files.has(p)).toBe(true);
    expect((await auditActions(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['export.request', 'export.download']),
    );

    // Another tenant's admin cannot reach it, nor can a user who is not an admin.
    const other = await tenantWithAdmin(ts, op, 'other-co');
    const cross = await other.get<{ error: { code: string } }>(
      `/t/other-co/api/admin/exports/${exportId}/download`,
    );
    expect(cross.status).toBe(404);
    const crossSlug = await other.get(`/t/export-co/api/admin/exports/${exportId}/download`);
    expect(crossSlug.status).toBe(401);

    // The export's model package installs into another organisation with the same figures.
    expect(manifest.files.find((f) => f.path === 'model.yosanpkg')?.rows).toBe(6);
    const preview = await other.binary<{ token: string; objects: { outcome: string }[] }>(
      'POST',
      '/t/other-co/api/model/packages/preview',
      files.get('model.yosanpkg')!,
    );
    expect(preview.status).toBe(200);
    expect(preview.json.objects.every((o) => o.outcome === 'added')).toBe(true);
    expect(
      (await other.post('/t/other-co/api/model/packages/apply', { token: preview.json.token })).status,
    ).toBe(200);
    const copied = await other.get<{ items: { object: { id: string; code: string } }[] }>(
      '/t/other-co/api/model/cubes',
    );
    const grid = await other.post<{ values: number[][] }>(
      `/t/other-co/api/model/cubes/${copied.json.items[0]!.object.id}/grid`,
      {
        rows: { dimension: 'Account', elements: ['NET_SALES', 'OPERATING_PROFIT'] },
        columns: { dimension: 'Department', elements: ['ALL_DEPARTMENTS'] },
        fixed: {},
      },
    );
    expect(grid.json.values).toEqual([[1234.5], [1234.5]]);

    // After 7 days the daily run deletes it.
    clock.advance(7 * DAY + 3_600_000);
    try {
      expect((await runContractDay(deps, clock.now())).exportsExpired).toBeGreaterThanOrEqual(1);
      expect(existsSync(exportFile(ts.dataDir, id, exportId))).toBe(false);
      const again = await signIn('export-co', 'admin@export-co.example');
      const gone = await again.get<{ error: { code: string } }>(
        `/t/export-co/api/admin/exports/${exportId}/download`,
      );
      expect(gone.status).toBe(409);
      expect(gone.json.error.code).toBe('EXPORT_NOT_READY');
      expect((await auditActions(id)).map((a) => a.action)).toContain('export.expire');
    } finally {
      clock.advance(-(7 * DAY + 3_600_000));
      op = await operatorSignIn();
    }
  });
});
