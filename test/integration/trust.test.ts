import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_AVAILABLE } from '../../src/modules/trust/labels.js';
import { collectTrustFacts, type TrustContext } from '../../src/modules/trust/registry.js';
import { setUpOperator, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface Fact {
  id: string;
  label: string;
  status: string;
  value: string | null;
  display: string;
}
interface Trust {
  tenant: { slug: string };
  sections: { id: string; title: string; available: boolean; notice?: string; facts: Fact[] }[];
}

const root = path.resolve(import.meta.dirname, '../..');
let ts: TestServer;
let op: HttpsClient;
let admin: HttpsClient;
let user: HttpsClient;
const slug = 'shinrai';
const api = `/t/${slug}/api/admin/trust`;
const env = { YOSAN_DATA_REGION: 'Japan / Tokyo', YOSAN_BACKUP_REGION: 'Japan / Osaka' };

const facts = (t: Trust) => Object.fromEntries(t.sections.flatMap((s) => s.facts.map((f) => [f.id, f])));

beforeAll(async () => {
  ts = await startTestServer({ env });
  op = await setUpOperator(ts);
  admin = await tenantWithAdmin(ts, op, slug);
  await registerUser(admin, slug, 'jiro@example.jp');
  user = await acceptAndSignIn(ts, slug, 'jiro@example.jp');
});
afterAll(async () => {
  await ts?.stop();
});

describe('trust page', () => {
  it('is for org admins only', async () => {
    expect((await ts.client().get(api)).status).toBe(401);
    expect((await user.get(api)).status).toBe(403);
    expect((await user.post(`${api}/verify-logs`)).status).toBe(403);
  });

  it('states live facts: regions, this connection’s TLS and certificate expiry, log retention, version', async () => {
    const res = await admin.get<Trust>(api);
    expect(res.status).toBe(200);
    const f = facts(res.json);
    expect(f['region.primary']).toMatchObject({ value: 'Japan / Tokyo', status: 'ok' });
    expect(f['region.backup']).toMatchObject({ value: 'Japan / Osaka' });
    expect(f['region.contracted']?.value).toBe(tenantBody(slug).region);
    expect(f['tls.source']?.value).toBe('connection');
    expect(f['tls.protocol']).toMatchObject({ value: 'TLSv1.3', status: 'ok' });
    const validTo = new Date(ts.server.runtime.deps.tls!.validTo);
    expect(f['tls.certificateExpiry']?.value).toMatch(/\+09:00$/);
    expect(new Date(f['tls.certificateExpiry']!.value!).getTime()).toBe(validTo.getTime());
    expect(f['logs.retention']?.display).toMatch(/never deleted while the contract runs/);
    expect(f['version.app']?.value).toBe(ts.server.runtime.deps.version);
    // Every section is provided by a module now.
    expect(res.json.sections.filter((s) => !s.available).map((s) => s.id)).toEqual([]);
    // The contract (modules/contracts): its end, and the deletion dates that follow from it.
    const end = tenantBody(slug).contractEnd;
    expect(f['contract.end']).toMatchObject({ value: end, status: 'ok' });
    expect(f['contract.liveDataDeletedOn']?.value).toBe('2027-04-01');
    expect(f['contract.backupsDeletedBy']?.value).toBe('2027-04-30');
    expect(f['contract.termination']?.display).toBe('Scheduled (a deletion certificate is issued)');
    // Backups are provided (by modules/backups): nothing taken yet in this test, said plainly.
    expect(f['backups.dailyLast']).toMatchObject({ value: null, status: 'unknown' });
    expect(f['restoreDrill.result']).toMatchObject({ value: null, status: 'unknown' });
  });

  it('speaks Japanese to a Japanese reader', async () => {
    const ja = await admin.get<Trust>(api, { 'accept-language': 'ja' });
    expect(ja.json.sections[0]?.title).toBe('データの保管地域');
    const contract = ja.json.sections.find((s) => s.id === 'contract');
    expect(contract?.title).toBe('契約とデータ削除');
    expect(facts(ja.json)['contract.termination']?.display).toBe('予定どおり実施（削除証明書を発行）');
  });

  it('says "not available yet" for a section whose module registers no provider', async () => {
    const sections = await collectTrustFacts({} as unknown as TrustContext, {});
    expect(sections.every((s) => !s.available && s.facts.length === 0)).toBe(true);
    expect(NOT_AVAILABLE).toEqual({ ja: 'まだ提供されていません', en: 'Not available yet' });
  });

  it('shows the latest log verification (run here or from the logs page), and audits "verify now"', async () => {
    expect(facts((await admin.get<Trust>(api)).json)['logs.lastVerificationResult']).toMatchObject({
      value: null,
      status: 'unknown',
    });
    const now = await admin.post<{ result: string; entriesChecked: number }>(`${api}/verify-logs`);
    expect(now.status).toBe(200);
    expect(now.json.result).toBe('valid');
    const f = facts((await admin.get<Trust>(api)).json);
    expect(f['logs.lastVerificationResult']).toMatchObject({ value: 'valid', status: 'ok' });
    expect(f['logs.lastVerificationAt']?.value).toMatch(/\+09:00$/);
    const tenantId = (
      await ts.server.runtime.deps.storage.control.kysely
        .selectFrom('tenants')
        .select('id')
        .where('slug', '=', slug)
        .executeTakeFirstOrThrow()
    ).id;
    const audit = await ts.server.runtime.deps.storage
      .tenant(tenantId)
      .kysely.selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'logs.verify')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'user', result: 'success' });
    // the evidence page's verification counts too
    expect((await admin.post(`/t/${slug}/api/admin/logs/verify`)).status).toBe(200);
  });

  it('keeps tenants apart', async () => {
    await op.post('/api/operator/tenants', tenantBody('tanin'));
    admin.cookies.set('__Host-yosan-t-tanin', admin.cookies.get(`__Host-yosan-t-${slug}`)!);
    expect((await admin.get('/t/tanin/api/admin/trust')).status).toBe(401);
    expect((await admin.post('/t/tanin/api/admin/trust/verify-logs')).status).toBe(401);
  });

  it('is printed for every tenant by `yosan report integrity`, TLS facts from the configured certificate', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'report', 'integrity'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        ...env,
        YOSAN_DATA_DIR: ts.dataDir,
        YOSAN_LOG_LEVEL: 'warn',
        ...(ts.config.databaseUrl ? { DATABASE_URL: ts.config.databaseUrl } : {}),
      },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`== ${slug} `);
    expect(run.stdout).toContain('== tanin ');
    expect(run.stdout).toMatch(/\[ok\s*\] Primary storage region: Japan \/ Tokyo/);
    expect(run.stdout).toContain('Checked from: the server’s configured certificate');
    expect(run.stdout).toMatch(/TLS version: TLSv1\.2\+/);
    expect(run.stdout).toMatch(/Server certificate expires: \d{4}-\d\d-\d\dT.*\+09:00/);
    expect(run.stdout).toMatch(/Latest integrity verification: Valid \(intact\)/);
    expect(run.stdout).toMatch(/Contract ends on: 2027-03-31/);
    expect(run.stdout).toMatch(
      /Every backup generation deleted by \(within 30 days of the end\): 2027-04-30/,
    );
    expect(run.stdout).toMatch(/Restore drill result: Not stated \/ not done yet/);
  });
});
