import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { modelWorld } from '../support/model.js';
import { dropTestDatabase } from '../support/postgres.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * `YOSAN_WARM_CUBES`: after a restart the server loads every active tenant's cubes in the
 * background (so the first form opened is warm), logs what it did, and a stop during the
 * warm-up waits for it instead of closing databases under it.
 */
let first: TestServer | undefined;
let second: TestServer | undefined;
afterAll(async () => {
  await second?.stop();
  if (first?.config.databaseUrl) await dropTestDatabase(first.config.databaseUrl);
  if (first) rmSync(first.dataDir, { recursive: true, force: true });
});

const warmed = (ts: TestServer) =>
  ts.logs.lines
    .map((l) => JSON.parse(l) as { msg?: string; tenants?: number; cubes?: number; failed?: number })
    .find((l) => l.msg === 'Cubes warmed');

describe('warming cubes after a restart', () => {
  it("loads every active tenant's cubes in the background and logs the count", async () => {
    first = await startTestServer({ keep: true });
    const w = await modelWorld(first, 'warmco', 'warmco2');
    const base = '/t/warmco/api/model';
    const list = await w.admin.get<{ demo: { packageId: string } }>(`${base}/packages`);
    const installed = await w.admin.post(`${base}/packages/available/${list.json.demo.packageId}/install`);
    expect(installed.status).toBe(200);
    const cubes = await w.admin.get<{ items: unknown[] }>(`${base}/cubes`);
    expect(cubes.json.items.length).toBeGreaterThan(0);
    // Off in the test servers unless asked for.
    expect(warmed(first)).toBeUndefined();
    await first.stop();

    second = await startTestServer({
      dataDir: first.dataDir,
      ...(first.config.databaseUrl ? { databaseUrl: first.config.databaseUrl } : {}),
      env: { YOSAN_WARM_CUBES: '1' },
    });
    const ts = second;
    await expect.poll(() => warmed(ts), { timeout: 30_000 }).toBeDefined();
    expect(warmed(ts)).toMatchObject({ tenants: 2, cubes: cubes.json.items.length, failed: 0 });
  });
});
