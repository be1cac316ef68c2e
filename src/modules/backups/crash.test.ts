import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDeps, newTenantId, writeMarkers } from '../../../test/support/backups.js';
import { storageEnv, type StorageEnv } from '../../../test/support/cubes.js';
import type { Storage } from '../../platform/db/storage.js';
import { locations } from './context.js';
import { backupScope, drillScope, listTenantBackupArtefacts, type BackupDeps } from './index.js';
import { listGenerations, scopeDir } from './layout.js';

const root = path.resolve(import.meta.dirname, '../../..');
const runner = path.join(root, 'test/support/backup-crash-runner.ts');
let env: StorageEnv;
let storage: Storage;
let deps: BackupDeps;
const tenant = newTenantId();

beforeAll(async () => {
  env = await storageEnv('yosan-backup-crash-');
  storage = await env.open();
  await storage.migrateControl();
  await storage.createTenantDatabase(tenant);
  await writeMarkers(storage, tenant, 'crash', 3);
  deps = backupDeps(storage, env.dir, env.databaseUrl, { now: new Date() });
  await backupScope(deps, tenant, 'daily', {});
});
afterAll(async () => {
  await storage.close();
  await env.cleanup();
});

/** Runs a backup in a child process and SIGKILLs it when it reports the stage. */
function killAt(stage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', runner, env.dir, env.databaseUrl ?? '-', tenant, 'daily', stage],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('PAUSED')) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`runner ended (${code}) unkilled: ${stderr}`)),
    );
  });
}

describe(`kill -9 during a backup (${process.env.YOSAN_TEST_DB === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('never leaves a counted half-generation, and the next run cleans up and succeeds', async () => {
    const loc = locations(deps.config);
    const before = listGenerations(loc, 'daily', tenant).map((g) => g.name);
    for (const stage of ['snapshot', 'sealed', 'manifest', 'verified']) {
      await killAt(stage);
      // Whatever it wrote is in a .tmp- folder: not a generation, visible as "incomplete".
      expect(
        listGenerations(loc, 'daily', tenant).map((g) => g.name),
        stage,
      ).toEqual(before);
      const artefacts = listTenantBackupArtefacts(deps, tenant);
      if (stage !== 'snapshot')
        expect(
          artefacts.some((a) => a.role === 'incomplete'),
          stage,
        ).toBe(true);
      // The dead run's lock names a pid that no longer exists.
      expect(existsSync(path.join(scopeDir(loc, 'daily', tenant), '.lock')), stage).toBe(true);
    }
    const r = await backupScope(deps, tenant, 'daily');
    expect(r.outcome).toBe('ok');
    expect(listTenantBackupArtefacts(deps, tenant).filter((a) => a.role === 'incomplete')).toEqual([]);
    expect(readdirSync(path.join(env.dir, 'tmp', 'backup'))).toEqual([]);
    expect((await drillScope(deps, tenant)).kinds.find((k) => k.kind === 'daily')!.ok).toBe(true);
  });
});
