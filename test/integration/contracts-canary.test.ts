import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateVerify } from '../../src/cli/certificate-verify.js';
import { Dimension } from '../../src/engine/index.js';
import { drillScope } from '../../src/modules/backups/index.js';
import { keyStore } from '../../src/modules/backups/context.js';
import { openFile } from '../../src/modules/backups/format.js';
import { runBackups } from '../../src/modules/backups/jobs.js';
import { readDataKey } from '../../src/modules/backups/keys.js';
import { aadOf, type Manifest } from '../../src/modules/backups/manifest.js';
import { registerArtefactSource } from '../../src/modules/contracts/artefacts.js';
import { dateIn } from '../../src/modules/contracts/calendar.js';
import type { SignedCertificate } from '../../src/modules/contracts/certificate.js';
import { runContractDay } from '../../src/modules/contracts/daily.js';
import { CubeStore } from '../../src/modules/cubes/index.js';
import type { AppDeps } from '../../src/platform/server/context.js';
import { getBytes, scanFiles, scanPostgres } from '../support/contracts.js';
import { eventually, linkToken, OPERATOR, setUpOperator, tenantBody } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { movableClock } from '../support/identity.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { TestSmtp } from '../support/smtp.js';
import { PASSWORD, registerUser } from '../support/tenant-admin.js';

/**
 * Proof by canary (issue 8, §4/§5): a tenant's unique marker in user names, group names,
 * dimension element names, cube text cells and its logs; its contract ends; on day 31
 * no file under the data folder (read as is, gunzipped, unzipped) and, on PostgreSQL, no
 * table holds the marker any more, while a second tenant's marker is still everywhere
 * it was. Mail goes over SMTP, as in production (the outbox folder is a development aid).
 */
const DAY = 86_400_000;
const clock = movableClock();
let smtp: TestSmtp;
let ts: TestServer;
let deps: AppDeps;
let op: HttpsClient;
const CANARY = `CANARY${randomBytes(6).toString('hex')}`;
const KEEPER = `KEEPER${randomBytes(6).toString('hex')}`;

async function operator(): Promise<HttpsClient> {
  const c = ts.client();
  await c.primeCsrf();
  const res = await c.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password });
  if (res.status !== 200) throw new Error(`operator sign-in: ${res.status}`);
  return c;
}

/** A tenant whose every kind of data carries `marker`; returns its id and admin. */
async function markedTenant(slug: string, marker: string, contractEnd: string) {
  const res = await op.post<{ tenant: { id: string } }>(
    '/api/operator/tenants',
    tenantBody(slug, { contractEnd, firstAdminLocale: 'ja' }),
  );
  expect(res.status).toBe(201);
  const id = res.json.tenant.id;
  const admin = await acceptOverSmtp(slug, `admin@${slug}.example`);
  const userId = await registerUser(admin, slug, `member@${slug}.example`, { displayName: `${marker} 太郎` });
  const group = await admin.post<{ group: { id: string } }>(`/t/${slug}/api/admin/groups`, {
    name: `${marker} 経理部`,
    description: `budget owners ${marker}`,
  });
  expect(group.status).toBe(201);
  await admin.post(`/t/${slug}/api/admin/groups/${group.json.group.id}/members`, { userIds: [userId] });
  // A failed sign-in with the marker in the address: the sign-in log holds it.
  const stranger = ts.client();
  await stranger.primeCsrf();
  await stranger.post(`/t/${slug}/api/session`, {
    email: `${marker.toLowerCase()}@example.com`,
    password: 'x'.repeat(16),
  });
  // Model and figures: element names and a cell comment.
  const store = new CubeStore();
  const db = deps.storage.tenant(id);
  const account = new Dimension('account');
  account.addElement('Total');
  account.addElement(`${marker}-rent`);
  account.addLink('Total', `${marker}-rent`);
  const month = new Dimension('month');
  month.addElement('Apr');
  await store.saveDimension(db, 'account', account);
  await store.saveDimension(db, 'month', month);
  await store.createCube(db, { id: 'plan', name: 'plan', dimensionIds: ['account', 'month'] });
  await store.writeCells(db, 'plan', [{ coords: [`${marker}-rent`, 'Apr'], value: 120000 }]);
  await store.writeTexts(db, 'plan', [{ coords: [`${marker}-rent`, 'Apr'], text: `comment ${marker}` }]);
  return { id, admin };
}

/** Accepts the invitation that reached the SMTP server and signs in. */
async function acceptOverSmtp(slug: string, email: string): Promise<HttpsClient> {
  const text = await eventually(() => smtp.received.find((r) => r.rcptTo.includes(email))?.mail.text);
  const c = ts.client();
  await c.primeCsrf();
  const token = linkToken(text, `/t/${slug}/invite`);
  expect((await c.post(`/t/${slug}/api/invitations/accept`, { token, password: PASSWORD })).status).toBe(204);
  expect((await c.post(`/t/${slug}/api/session`, { email, password: PASSWORD })).status).toBe(200);
  return c;
}

/** Every backup file whose data key still exists, decrypted (and decompressed). */
async function decrypt(file: string): Promise<Buffer[]> {
  if (path.basename(file) !== 'data.ybk') return [];
  const manifestFile = path.join(path.dirname(file), 'manifest.json');
  if (!existsSync(manifestFile)) return [];
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const key = readDataKey(keyStore(ts.config), manifest.scope);
  if (!key) return [];
  const dest = path.join(mkdtempSync(path.join(os.tmpdir(), 'yosan-canary-')), 'plain');
  try {
    await openFile(file, dest, key.key, aadOf(manifest));
    return [readFileSync(dest)];
  } finally {
    rmSync(path.dirname(dest), { recursive: true, force: true });
  }
}

const everyFolder = () => [ts.dataDir, ts.config.backupDir, ts.config.backupSecondaryDir];
const scanAll = async (marker: string) => [
  ...(await scanFiles(everyFolder(), marker, (f) => decrypt(f))),
  ...(await scanDb(marker)),
];

/** One simulated day of the backup schedule: replica, and daily/weekly when due. */
async function backupDay(): Promise<void> {
  const failures = await runBackups(deps, { kinds: ['replica', 'daily', 'weekly'] });
  expect(failures).toEqual([]);
}

const scanDb = (marker: string) =>
  ts.config.databaseUrl ? scanPostgres(ts.config.databaseUrl, marker) : Promise.resolve([]);

beforeAll(async () => {
  smtp = new TestSmtp(await freePort());
  await smtp.start();
  ts = await startTestServer({ clock: clock.now, env: { SMTP_URL: smtp.url } });
  deps = ts.server.runtime.deps;
  // Simulated days: this test runs the backup and contract days itself. The schedules (real
  // time) are stopped so that no scheduled run of the same database overlaps one of ours.
  ts.server.runtime.scheduler.stop();
  op = await setUpOperator(ts);
});
afterAll(async () => {
  await ts?.stop();
  await smtp.stop();
});

describe('proof by canary', () => {
  it('leaves no trace of an ended tenant by day 31, and every trace of another', async () => {
    const canary = await markedTenant('canary-co', CANARY, '2099-03-31');
    const keeper = await markedTenant('keeper-co', KEEPER, '2099-03-31');

    // An export of the canary tenant lies in the data folder (a zip: the scan opens it).
    const req = await canary.admin.post<{ export: { id: string } }>('/t/canary-co/api/admin/exports');
    expect(req.status).toBe(202);
    await eventually(async () => {
      const l = await canary.admin.get<{ items: { status: string }[] }>('/t/canary-co/api/admin/exports');
      return l.json.items[0]?.status === 'ready' || undefined;
    });
    const dl = await getBytes(
      ts,
      canary.admin,
      `/t/canary-co/api/admin/exports/${req.json.export.id}/download`,
    );
    expect(dl.status).toBe(200);
    await new Promise((r) => setTimeout(r, 700)); // the access log's batch

    // Three simulated weeks of backups (replica, daily, weekly at the second location).
    // Every third day (as a server that is often off would): each ISO week still gets its weekly.
    for (let day = 0; day < 21; day++) {
      clock.advance(DAY);
      if (day % 3 === 0) await backupDay();
    }

    // The scanner finds both markers before anything is deleted (it can fail), in backups too.
    const before = await scanAll(CANARY);
    expect(before.some((h) => h.includes('.zip!'))).toBe(true);
    expect(before.some((h) => h.includes('data.ybk (decrypted)'))).toBe(true);
    expect((await scanAll(KEEPER)).length).toBeGreaterThan(0);

    // The contract ends today (simulated); the operator sets it.
    op = await operator();
    const endDay = dateIn(clock.now(), 'Asia/Tokyo');
    const set = await op.request('PUT', `/api/operator/tenants/${canary.id}/contract`, {
      contractEnd: endDay,
    });
    expect(set.status).toBe(200);

    // A source that fails once, after the live database is gone: the termination resumes.
    let failOnce = true;
    registerArtefactSource(35, () => ({
      name: 'flaky-test-source',
      list: () => Promise.resolve([]),
      delete: (tenantId) => {
        if (tenantId === canary.id && failOnce) {
          failOnce = false;
          return Promise.reject(new Error('simulated crash'));
        }
        return Promise.resolve([]);
      },
    }));

    clock.advance(DAY); // the day after the end date (JST): day 1
    await expect(runContractDay(deps, clock.now())).rejects.toThrow('simulated crash');
    const closed = ts.client();
    await closed.primeCsrf();
    const refused = await closed.post<{ error: { code: string; message: string } }>(
      '/t/canary-co/api/session',
      {
        email: 'admin@canary-co.example',
        password: PASSWORD,
      },
    );
    expect(refused.status).toBe(410);
    expect(refused.json.error.code).toBe('TENANT_CLOSED');
    expect(refused.json.error.message).toContain(endDay);
    closed.lang = 'ja';
    const ja = await closed.get<{ error: { message: string } }>('/t/canary-co/api/session');
    expect(ja.json.error.message).toContain('契約は');
    const second = await runContractDay(deps, clock.now());
    expect(second.terminated).toBe(1);
    expect((await runContractDay(deps, clock.now())).terminated).toBe(0); // idempotent

    // The certificate: every artefact, signed, verifiable.
    op = await operator();
    const cert = await op.get<SignedCertificate & { verification: { ok: boolean } }>(
      `/api/operator/terminations/${canary.id}/certificate`,
    );
    expect(cert.status).toBe(200);
    expect(cert.json.verification.ok).toBe(true);
    const sources = cert.json.certificate.artefacts.map((a) => a.source);
    expect(sources).toEqual(
      expect.arrayContaining(['exports', 'live-database', 'control-records', 'data-key', 'backups']),
    );
    if (!ts.config.databaseUrl) expect(sources).toContain('replica');
    const locations = cert.json.certificate.artefacts
      .filter((a) => a.source === 'backups')
      .map((a) => a.location);
    expect(locations.some((l) => l.startsWith('primary'))).toBe(true);
    expect(locations.some((l) => l.startsWith('secondary'))).toBe(true);
    expect(cert.json.certificate.verification.remaining).toBe(0);
    const html = await getBytes(ts, op, `/api/operator/terminations/${canary.id}/certificate.html`);
    expect(html.body.toString()).toContain('Deletion certificate');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-cert-'));
    const file = path.join(dir, 'certificate.html');
    writeFileSync(file, html.body);
    expect(certificateVerify(file, ts.dataDir, undefined)).toBe(0);
    writeFileSync(file, html.body.toString().replaceAll('live-database', 'live-databasX'));
    expect(certificateVerify(file, ts.dataDir, undefined)).toBe(1);

    // Days 2 to 31: backups go on (the control database's older generations rotate out).
    // Backups every third day, then daily for the last week (so the newest 7 dailies, 3 weeklies
    // and the replica of the control database all postdate the termination).
    for (let day = 2; day <= 31; day++) {
      clock.advance(DAY);
      if (day % 3 === 0 || day >= 24) await backupDay();
      await runContractDay(deps, clock.now());
    }
    expect(await scanAll(CANARY)).toEqual([]);
    const kept = (await scanAll(KEEPER)).join('\n');
    expect(kept).toContain('data.ybk (decrypted)');
    const drill = await drillScope(deps, keeper.id);
    expect(drill.kinds.every((k) => k.ok)).toBe(true);
    if (ts.config.databaseUrl) {
      for (const table of ['users', 'groups', 'cube_elements', 'cube_texts', 'audit_log'])
        expect(kept).toContain(`yosan_t_${keeper.id}.${table}`);
    } else {
      expect(kept).toContain(`${keeper.id}.sqlite`);
    }
    const stillThere = await deps.storage
      .tenant(keeper.id)
      .kysely.selectFrom('users')
      .select('display_name')
      .where('display_name', 'like', `${KEEPER}%`)
      .execute();
    expect(stillThere).toHaveLength(1);
  }, 480_000);
});
