import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, backupDeps, newTenantId, writeMarkers } from '../../../test/support/backups.js';
import { storageEnv, type StorageEnv } from '../../../test/support/cubes.js';
import type { Storage } from '../../platform/db/storage.js';
import {
  backupScope,
  backupStatus,
  deleteTenantBackupArtefacts,
  destroyTenantKey,
  drillScope,
  listTenantBackupArtefacts,
  tenantKeyExists,
  type BackupDeps,
} from './index.js';
import { locations } from './context.js';
import { listGenerations } from './layout.js';

const pg = process.env.YOSAN_TEST_DB === 'postgres';
let env: StorageEnv;
let storage: Storage;
let deps: BackupDeps;
const clock = { now: new Date('2026-11-20T03:00:00Z') };
const tenant = newTenantId();
const other = newTenantId();
const MARKER = `canary-${newTenantId()}`;

beforeAll(async () => {
  env = await storageEnv('yosan-backups-');
  storage = await env.open();
  await storage.migrateControl();
  await storage.createTenantDatabase(tenant);
  await storage.createTenantDatabase(other);
  await writeMarkers(storage, tenant, MARKER, 5);
  deps = backupDeps(storage, env.dir, env.databaseUrl, clock);
});
afterAll(async () => {
  await storage.close();
  await env.cleanup();
});

const day = (n: number) => new Date(Date.UTC(2026, 10, 20 + n, 3, 0, 0));

describe(`backups (${pg ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('makes an encrypted, verified daily generation with a signed manifest, and a drill passes', async () => {
    const r = await backupScope(deps, tenant, 'daily');
    expect(r.outcome).toBe('ok');
    const [g] = listGenerations(locations(deps.config), 'daily', tenant);
    expect(g!.manifest.tables.audit_log).toBe(5);
    expect(g!.manifest.auditHead?.seq).toBe(5);
    expect(g!.manifest.engine).toBe(pg ? 'postgres' : 'sqlite');
    // Neither the encrypted file nor the manifest holds the tenant's content.
    const data = readFileSync(path.join(g!.dir, 'data.ybk'));
    expect(data.includes(Buffer.from(MARKER))).toBe(false);
    expect(() => gunzipSync(data)).toThrow();
    expect(readFileSync(path.join(g!.dir, 'manifest.json'), 'utf8')).not.toContain(MARKER);
    await backupScope(deps, tenant, 'weekly');
    if (!pg) await backupScope(deps, tenant, 'replica');
    const drill = await drillScope(deps, tenant);
    expect(drill.kinds.map((k) => [k.kind, k.ok, k.problems])).toEqual(
      drill.kinds.map((k) => [k.kind, true, []]),
    );
    const status = await backupStatus(deps, tenant);
    expect(status.lastDrill?.ok).toBe(true);
    expect(status.kinds.find((k) => k.kind === 'weekly')).toMatchObject({
      generations: 1,
      location: 'secondary',
    });
    if (!pg) expect(status.replicaAgeSeconds).toBe(0);
  });

  it('refuses a second run of the same scope and kind while one is going on in this process', async () => {
    const first = backupScope(deps, other, 'daily');
    await expect(backupScope(deps, other, 'daily')).rejects.toThrow(/Another backup of .* is running/);
    expect((await first).outcome).toBe('ok');
    // Once the first has finished, the next run goes ahead.
    expect((await backupScope(deps, other, 'daily')).outcome).toBe('ok');
  });

  it('backs up the control database too (its own key), and its drill passes', async () => {
    await backupScope(deps, 'control', 'daily');
    const [g] = listGenerations(locations(deps.config), 'daily', 'control');
    expect(g!.manifest.tables.tenants).toBe(0);
    expect(tenantKeyExists(deps, 'control')).toBe(true);
    const drill = await drillScope(deps, 'control');
    expect(drill.kinds.find((k) => k.kind === 'daily')!.ok).toBe(true);
  });

  it('keeps 7 daily generations (one per JST day), removing the oldest only after a new one is verified', async () => {
    for (let n = 1; n <= 9; n++) {
      clock.now = day(n);
      await backupScope(deps, tenant, 'daily');
    }
    const gens = listGenerations(locations(deps.config), 'daily', tenant);
    expect(gens).toHaveLength(7);
    expect(gens[0]!.manifest.createdAt).toBe(day(3).toISOString());
  });

  it('a full disk (ENOSPC) fails loudly and deletes nothing', async () => {
    const before = listTenantBackupArtefacts(deps, tenant).map((a) => a.path);
    clock.now = day(10);
    await expect(backupScope(deps, tenant, 'daily', { budget: { remaining: 2000 } })).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(listTenantBackupArtefacts(deps, tenant).map((a) => a.path)).toEqual(before);
    const status = await backupStatus(deps, tenant);
    expect(status.kinds.find((k) => k.kind === 'daily')!.lastFailure?.reason).toMatch(/ENOSPC/);
  });

  it('a corrupted backup file is detected by the drill', async () => {
    clock.now = day(11);
    await backupScope(deps, other, 'weekly');
    const [g] = listGenerations(locations(deps.config), 'weekly', other);
    const file = path.join(g!.dir, 'data.ybk');
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(file, bytes);
    const drill = await drillScope(deps, other);
    const weekly = drill.kinds.find((k) => k.kind === 'weekly')!;
    expect(drill.ok).toBe(false);
    expect(weekly.problems.join(' ')).toMatch(/SHA-256/);
    expect((await backupStatus(deps, other)).lastDrill?.ok).toBe(false);
  });

  it('destroying the data key makes every copy unreadable; artefacts are listed and deleted', async () => {
    const victim = newTenantId();
    await storage.createTenantDatabase(victim);
    await writeMarkers(storage, victim, MARKER, 2);
    await backupScope(deps, victim, 'daily');
    await backupScope(deps, victim, 'weekly');
    expect(tenantKeyExists(deps, victim)).toBe(true);
    const d = destroyTenantKey(deps, victim);
    expect(d.destroyed).toBe(true);
    expect(tenantKeyExists(deps, victim)).toBe(false);
    const drill = await drillScope(deps, victim);
    expect(drill.kinds.find((k) => k.kind === 'daily')!.problems.join(' ')).toMatch(/destroyed/);
    const listed = listTenantBackupArtefacts(deps, victim);
    expect(listed.map((a) => `${a.kind}/${a.role}/${a.location}`).sort()).toEqual([
      'daily/data/primary',
      'daily/manifest/primary',
      'weekly/data/secondary',
      'weekly/manifest/secondary',
    ]);
    const deleted = deleteTenantBackupArtefacts(deps, victim);
    expect(deleted).toHaveLength(4);
    expect(deleted[0]!.method).toMatch(/unlinked/);
    expect(listTenantBackupArtefacts(deps, victim)).toEqual([]);
    // The other tenants' generations are untouched.
    expect(listGenerations(locations(deps.config), 'daily', tenant)).toHaveLength(7);
  });

  it('a backup taken while writes continue is one consistent point in time', async () => {
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await writeMarkers(storage, other, 'during', 1);
        // Like requests, one write per event-loop turn (SQLite calls are synchronous).
        await new Promise((r) => setImmediate(r));
      }
    })();
    clock.now = day(12);
    await backupScope(deps, other, 'daily');
    writing = false;
    await writer;
    const [g] = listGenerations(locations(deps.config), 'daily', other).slice(-1);
    // Row count and chain head were taken from the same snapshot, and the drill checks both.
    expect(g!.manifest.tables.audit_log).toBe(g!.manifest.auditHead!.seq);
    const drill = await drillScope(deps, other);
    expect(drill.kinds.find((k) => k.kind === 'daily')!.ok).toBe(true);
    expect(await auditCount(storage, other)).toBeGreaterThanOrEqual(g!.manifest.tables.audit_log!);
    expect(readdirSync(path.join(env.dir, 'tmp', 'backup'))).toEqual([]);
  });
});
