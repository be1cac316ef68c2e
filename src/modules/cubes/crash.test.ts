import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CRASH_SLOTS,
  createCrashCube,
  crashValue,
  storageEnv,
  type StorageEnv,
} from '../../../test/support/cubes.js';
import { CubeStore } from './store.js';
import { cubeDb } from './tables.js';

const root = path.resolve(import.meta.dirname, '../../..');
const writer = path.join(root, 'test/support/cube-crash-writer.ts');
const BATCHES = 3000;

let env: StorageEnv;
const tenantId = randomBytes(16).toString('hex');

beforeAll(async () => {
  env = await storageEnv('yosan-cube-crash-');
  const storage = await env.open();
  await storage.migrateControl();
  const db = await storage.createTenantDatabase(tenantId);
  await createCrashCube(new CubeStore(), db, BATCHES);
  await storage.close();
});
afterAll(async () => {
  await env.cleanup();
});

/** Runs the writer from batch `from`, SIGKILLs it right after the `killAfter`-th ACK; returns the last ACK. */
function writeUntilKilled(from: number, killAfter: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', writer, env.dir, env.databaseUrl ?? '-', tenantId, String(from), String(BATCHES)],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let lastAck = from - 1;
    let acks = 0;
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^ACK (\d+)$/.exec(line);
        if (!m) continue;
        // A line read after the kill may still arrive: it was acknowledged too.
        lastAck = Number(m[1]);
        acks++;
        if (acks === killAfter) child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lastAck);
      else reject(new Error(`writer ended (${code}) before it was killed: ${stderr}`));
    });
  });
}

/** Reopens the database as a restarted server would; checks batches 1 … and returns the highest present. */
async function verifyAfterCrash(lastAck: number): Promise<number> {
  const storage = await env.open();
  try {
    const db = storage.tenant(tenantId);
    const cube = await new CubeStore().loadCube(db, 'crash');
    let highest = 0;
    for (let n = 1; n <= BATCHES; n++) {
      const values = Array.from({ length: CRASH_SLOTS }, (_, j) => cube.read([`b${n}`, `s${j}`]));
      const present = values.filter((v) => v !== 0).length;
      // All of a batch or none of it: a torn batch fails here.
      expect(
        present === 0 || present === CRASH_SLOTS,
        `batch ${n} torn: ${present} of ${CRASH_SLOTS} cells`,
      ).toBe(true);
      if (present === 0) continue;
      expect(values).toEqual(values.map((_, j) => crashValue(n, j)));
      expect(n).toBe(highest + 1); // batches commit in order: no gaps
      highest = n;
    }
    // Every acknowledged batch is there; at most the one in flight committed without its ACK being read.
    expect(highest).toBeGreaterThanOrEqual(lastAck);
    expect(highest).toBeLessThanOrEqual(lastAck + 1);
    expect(cube.read(['last', 's0'])).toBe(highest);
    // The consolidated total (the `last` row is outside `All`): quarters add exactly.
    let total = 0;
    for (let n = 1; n <= highest; n++) for (let j = 0; j < CRASH_SLOTS; j++) total += crashValue(n, j);
    expect(cube.read(['All', 'Slots'])).toBe(total);
    // On disk too, not only through the engine: exactly the cells of whole batches.
    const rows = await cubeDb(db)
      .selectFrom('cube_cells')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('cube_id', '=', 'crash')
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(highest * CRASH_SLOTS + 1);
    return highest;
  } finally {
    await storage.close();
  }
}

describe(`cube writes survive SIGKILL (${process.env.YOSAN_TEST_DB === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('keeps every acknowledged batch whole and never a torn one, over five crashes', async () => {
    let next = 1;
    for (const killAfter of [25, 40, 15, 30, 20]) {
      const lastAck = await writeUntilKilled(next, killAfter);
      expect(lastAck).toBeGreaterThanOrEqual(next + killAfter - 1);
      const highest = await verifyAfterCrash(lastAck);
      next = highest + 1;
    }
    expect(next).toBeGreaterThan(130);
  });
});
