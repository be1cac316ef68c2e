import { spawn } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDb } from '../../src/modules/backups/events.js';
import { eventually, OPERATOR, outboxMessages, setUpOperator } from '../support/flows.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { dropTestDatabase } from '../support/postgres.js';
import { PASSWORD, tenantWithAdmin } from '../support/tenant-admin.js';

/*
 * Issue 21 point 14: a backup killed (kill -9) at the worst moment — its plaintext copy of the
 * database exists in scratch space — is found at the next start: recorded as a failed backup
 * event (operator console, org admin's page, trust page), mailed to the operators, and its
 * scratch copy (mode 0600 while it existed) and unfinished files removed.
 */
const root = path.resolve(import.meta.dirname, '../..');
const runner = path.join(root, 'test/support/backup-crash-runner.ts');
const slug = 'kire-a';
let first: TestServer;
let second: TestServer | undefined;
let tenantId: string;

beforeAll(async () => {
  first = await startTestServer({ keep: true });
  const op = await setUpOperator(first);
  await tenantWithAdmin(first, op, slug);
  const t = await first.server.runtime.deps.storage.control.kysely
    .selectFrom('tenants')
    .select('id')
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  tenantId = t.id;
  await first.stop();
}, 60_000);
afterAll(async () => {
  await second?.stop();
  rmSync(first.dataDir, { recursive: true, force: true });
  if (first.config.databaseUrl) await dropTestDatabase(first.config.databaseUrl);
});

interface Seen {
  scratch: { name: string; mode: number; bytes: number }[];
  scratchDirMode: number;
}

/** Runs a daily backup in a child process; when its copy exists, records the scratch files and SIGKILLs it. */
function backupKilledAfterCopy(dataDir: string, databaseUrl: string | undefined): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', runner, dataDir, databaseUrl ?? '-', tenantId, 'daily', 'snapshot'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let seen: Seen | undefined;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (!d.toString().includes('PAUSED') || seen) return;
      const dir = path.join(dataDir, 'tmp', 'backup');
      seen = {
        scratchDirMode: statSync(dir).mode & 0o777,
        scratch: readdirSync(dir).map((name) => {
          const s = statSync(path.join(dir, name));
          return { name, mode: s.mode & 0o777, bytes: s.size };
        }),
      };
      child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' && seen
        ? resolve(seen)
        : reject(new Error(`runner ended (${code}) unkilled: ${stderr}`)),
    );
  });
}

describe(`a backup killed after its plaintext copy exists (${process.env.YOSAN_TEST_DB === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('is recorded as failed at the next start, mailed to operators, and its scratch copy removed', async () => {
    const backupDir = first.config.backupDir;
    const seen = await backupKilledAfterCopy(first.dataDir, first.config.databaseUrl);
    // While it existed, the plaintext copy was readable by the server's user only.
    expect(seen.scratch.length).toBeGreaterThan(0);
    expect(seen.scratch.every((f) => f.mode === 0o600)).toBe(true);
    expect(seen.scratch.some((f) => f.bytes > 0)).toBe(true);
    expect(seen.scratchDirMode).toBe(0o700);
    const lock = path.join(backupDir, 'daily', tenantId, '.lock');
    expect(existsSync(lock)).toBe(true);

    second = await startTestServer({
      dataDir: first.dataDir,
      databaseUrl: first.config.databaseUrl,
    });
    const control = second.server.runtime.deps.storage.control.kysely;
    // Found at start-up (before the server answers): no waiting for a lock to expire.
    const events = await backupDb(control)
      .selectFrom('backup_events')
      .selectAll()
      .where('scope', '=', tenantId)
      .where('type', '=', 'backup')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'daily', outcome: 'failed', generation: null });
    expect(JSON.parse(events[0]!.detail)).toMatchObject({ interrupted: true, code: 'INTERRUPTED' });
    expect(readdirSync(path.join(first.dataDir, 'tmp', 'backup'))).toEqual([]);
    expect(existsSync(lock)).toBe(false);
    expect(readdirSync(path.join(backupDir, 'daily', tenantId))).toEqual([]);

    const mail = await eventually(
      () =>
        outboxMessages(second!).find((m) => m.to === OPERATOR.email && m.subject.includes('Backup problem')),
      15_000,
    );
    expect(mail.text).toContain(`daily backup of ${slug}`);
    expect(mail.text).toContain('interrupted');

    // Visible where backup events are shown: the operator console, the org admin's page, the trust page.
    const op = second.client();
    await op.primeCsrf();
    expect(
      (await op.post('/api/operator/session', { email: OPERATOR.email, password: OPERATOR.password })).status,
    ).toBe(200);
    const view = await op.get<{
      scopes: { label: string; status: { kinds: { kind: string; lastFailureAt: string | null }[] } }[];
    }>('/api/operator/backups');
    const mine = view.json.scopes.find((s) => s.label === slug)!;
    expect(mine.status.kinds.find((k) => k.kind === 'daily')?.lastFailureAt).toMatch(/\+09:00$/);

    const admin = second.client();
    await admin.primeCsrf();
    const email = `admin@${slug}.example`;
    expect((await admin.post(`/t/${slug}/api/session`, { email, password: PASSWORD })).status).toBe(200);
    const page = await admin.get<{ kinds: { kind: string; lastFailureAt: string | null }[] }>(
      `/t/${slug}/api/admin/backups`,
    );
    expect(page.json.kinds.find((k) => k.kind === 'daily')?.lastFailureAt).toMatch(/\+09:00$/);
    const trust = await admin.get<{ sections: { facts: { id: string; status: string }[] }[] }>(
      `/t/${slug}/api/admin/trust`,
    );
    const facts = trust.json.sections.flatMap((x) => x.facts);
    expect(facts.find((f) => f.id === 'backups.dailyLast')?.status).toBe('failed');

    // A second start finds nothing more (recorded once).
    await second.stop();
    second = await startTestServer({ dataDir: first.dataDir, databaseUrl: first.config.databaseUrl });
    const again = await backupDb(second.server.runtime.deps.storage.control.kysely)
      .selectFrom('backup_events')
      .select('id')
      .where('scope', '=', tenantId)
      .execute();
    expect(again).toHaveLength(1);
  }, 90_000);
});
