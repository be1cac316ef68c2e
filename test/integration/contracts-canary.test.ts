import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificateVerify } from '../../src/cli/certificate-verify.js';
import { Dimension } from '../../src/engine/index.js';
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

const scanDb = (marker: string) =>
  ts.config.databaseUrl ? scanPostgres(ts.config.databaseUrl, marker) : Promise.resolve([]);

beforeAll(async () => {
  smtp = new TestSmtp(await freePort());
  await smtp.start();
  ts = await startTestServer({ clock: clock.now, env: { SMTP_URL: smtp.url } });
  deps = ts.server.runtime.deps;
  op = await setUpOperator(ts);
});
afterAll(async () => {
  await ts?.stop();
  await smtp.stop();
});

describe('proof by canary', () => {
  it('leaves no trace of an ended tenant by day 31, and every trace of another', async () => {
    const today = dateIn(clock.now(), 'Asia/Tokyo');
    const canary = await markedTenant('canary-co', CANARY, today);
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

    // The scanner finds both markers before anything is deleted (it can fail).
    const before = [...(await scanFiles([ts.dataDir], CANARY)), ...(await scanDb(CANARY))];
    expect(before.some((h) => h.includes('.zip!'))).toBe(true);
    expect(before.length).toBeGreaterThan(1);
    expect((await scanFiles([ts.dataDir], KEEPER)).length + (await scanDb(KEEPER)).length).toBeGreaterThan(0);

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

    clock.advance(DAY); // the day after the end date (JST)
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
    expect(refused.json.error.message).toContain(today);
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
    expect(sources).toEqual(expect.arrayContaining(['exports', 'live-database', 'control-records']));
    expect(cert.json.certificate.verification.remaining).toBe(0);
    const html = await getBytes(ts, op, `/api/operator/terminations/${canary.id}/certificate.html`);
    expect(html.body.toString()).toContain('Deletion certificate');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-cert-'));
    const file = path.join(dir, 'certificate.html');
    writeFileSync(file, html.body);
    expect(certificateVerify(file, ts.dataDir, undefined)).toBe(0);
    writeFileSync(file, html.body.toString().replaceAll('live-database', 'live-databasX'));
    expect(certificateVerify(file, ts.dataDir, undefined)).toBe(1);

    // Day 31: nothing of the canary anywhere; the keeper untouched.
    clock.advance(30 * DAY);
    await runContractDay(deps, clock.now());
    expect(await scanFiles([ts.dataDir], CANARY)).toEqual([]);
    expect(await scanDb(CANARY)).toEqual([]);
    const kept = [...(await scanFiles([ts.dataDir], KEEPER)), ...(await scanDb(KEEPER))].join('\n');
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
  });
});
