import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listGenerations } from '../../src/modules/backups/layout.js';
import { eventually, OPERATOR, outboxMessages, setUpOperator } from '../support/flows.js';
import type { HttpsClient } from '../support/https-client.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { acceptAndSignIn, registerUser, tenantWithAdmin } from '../support/tenant-admin.js';

interface Status {
  kinds: { kind: string; generations: number; lastAt: string | null; location: string }[];
  replicaAgeSeconds: number | null;
  lastDrill: { at: string; ok: boolean; kinds: { kind: string; ok: boolean }[] } | null;
  keyExists: boolean;
}
interface OperatorView {
  scopes: {
    scope: string;
    label: string;
    status: Status;
    drillProblems: { kind: string; problems: string[] }[];
  }[];
}

let ts: TestServer;
let op: HttpsClient;
let adminA: HttpsClient;
let adminB: HttpsClient;
let userA: HttpsClient;

beforeAll(async () => {
  // No wall-clock schedules: a replica tick (every 5 minutes) would give hozon-b a generation.
  ts = await startTestServer({ schedules: false });
  op = await setUpOperator(ts);
  adminA = await tenantWithAdmin(ts, op, 'hozon-a');
  adminB = await tenantWithAdmin(ts, op, 'hozon-b');
  await registerUser(adminA, 'hozon-a', 'user@hozon-a.example');
  userA = await acceptAndSignIn(ts, 'hozon-a', 'user@hozon-a.example');
});
afterAll(async () => {
  await ts?.stop();
});

const pg = process.env.YOSAN_TEST_DB === 'postgres';
/** With PostgreSQL the 5-minute point is WAL archiving: Yosan keeps no replica of its own. */
const made = (k: { kind: string; generations: number }) =>
  k.generations === (pg && k.kind === 'replica' ? 0 : 1);
const view = async () => (await op.get<OperatorView>('/api/operator/backups')).json;
const scopeOf = async (slug: string) => (await view()).scopes.find((s) => s.label === slug)!;

describe('backups in the operator console and for org admins', () => {
  it('the operator runs a backup and a drill (audited jobs); the console shows the facts', async () => {
    const a = await scopeOf('hozon-a');
    const run = await op.post<{ jobId: string }>('/api/operator/backups/run', { tenantId: a.scope });
    expect(run.status).toBe(202);
    await eventually(async () => (await scopeOf('hozon-a')).status.kinds.every(made) || undefined, 30_000);
    expect((await op.post('/api/operator/backups/drill', { tenantId: a.scope })).status).toBe(202);
    const drilled = await eventually(
      async () => (await scopeOf('hozon-a')).status.lastDrill ?? undefined,
      30_000,
    );
    expect(drilled.ok).toBe(true);
    const s = (await scopeOf('hozon-a')).status;
    expect(s.kinds.find((k) => k.kind === 'weekly')?.location).toBe('secondary');
    expect(s.lastDrill?.at).toMatch(/\+09:00$/);
    expect((await scopeOf('hozon-b')).status.kinds.every((k) => k.generations === 0)).toBe(true);
    const bad = await op.post('/api/operator/backups/drill', { tenantId: 'f'.repeat(32) });
    expect(bad.status).toBe(404);
  });

  it('an org admin sees their own tenant only; users and other tenants are refused', async () => {
    const mine = await adminA.get<Status>('/t/hozon-a/api/admin/backups');
    expect(mine.status).toBe(200);
    expect(mine.json.lastDrill?.ok).toBe(true);
    expect(mine.json.kinds.find((k) => k.kind === 'daily')?.generations).toBe(1);
    expect((await adminB.get<Status>('/t/hozon-b/api/admin/backups')).json.lastDrill).toBeNull();
    expect([401, 403, 404]).toContain((await adminB.get('/t/hozon-a/api/admin/backups')).status);
    expect((await userA.get('/t/hozon-a/api/admin/backups')).status).toBe(403);
    expect([401, 403]).toContain((await adminA.get('/api/operator/backups')).status);
    // The trust page states the same facts.
    const trust = await adminA.get<{
      sections: { facts: { id: string; status: string; display: string }[] }[];
    }>('/t/hozon-a/api/admin/trust');
    const facts = Object.fromEntries(trust.json.sections.flatMap((s) => s.facts.map((f) => [f.id, f])));
    expect(facts['restoreDrill.result']).toMatchObject({ status: 'ok' });
    expect(facts['restoreDrill.result']?.display).toMatch(/^Passed/);
    expect(facts['backups.dailyKept']?.display).toBe('1 / 7');
    expect(facts['backups.encryption']).toMatchObject({ status: 'ok' });
  });

  it('a drill that finds a corrupted file fails and e-mails the operators', async () => {
    const a = await scopeOf('hozon-a');
    const [g] = listGenerations(
      { primary: ts.config.backupDir, secondary: ts.config.backupSecondaryDir },
      'daily',
      a.scope,
    );
    const file = path.join(g!.dir, 'data.ybk');
    const bytes = readFileSync(file);
    bytes[bytes.length - 3]! ^= 0xff;
    writeFileSync(file, bytes);
    await op.post('/api/operator/backups/drill', { tenantId: a.scope });
    const failed = await eventually(async () => {
      const s = await scopeOf('hozon-a');
      return s.status.lastDrill && !s.status.lastDrill.ok ? s : undefined;
    }, 30_000);
    expect(failed.drillProblems.find((p) => p.kind === 'daily')?.problems.join(' ')).toMatch(/SHA-256/);
    const mail = await eventually(
      () => outboxMessages(ts).find((m) => m.to === OPERATOR.email && m.subject.includes('Backup problem')),
      15_000,
    );
    expect(mail.text).toContain('hozon-a');
  });
});
