import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gridWorld, type GridWorld } from '../support/grid-world.js';
import type { HttpsClient } from '../support/https-client.js';
import { modelWorld, type ModelWorld } from '../support/model.js';
import { acceptAndSignIn, registerUser } from '../support/tenant-admin.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Bounded work per request (issue 21 point 1): a cell budget per grid, form, report and export
 * request (`YOSAN_MAX_CELLS_PER_REQUEST`, default 100,000), refused with a ja/en 400 before any
 * work; heavy reads of one user one at a time. The proof: two users fire the worst allowed grid
 * (2,000 × 50 cells) again and again, in parallel, while `/healthz` and a small request of another
 * tenant are timed — both stay under 200 ms.
 */
const ROWS = 2000;
const COLS = 50;
const code = (p: string, i: number) => `${p}${String(i).padStart(4, '0')}`;

describe('the cell budget under the largest allowed requests', () => {
  let ts: TestServer;
  let w: ModelWorld;
  let second: HttpsClient;
  let grid: string;
  const rows = Array.from({ length: ROWS }, (_, i) => code('R', i));
  const cols = Array.from({ length: COLS }, (_, i) => code('C', i));

  beforeAll(async () => {
    ts = await startTestServer();
    w = await modelWorld(ts, 'omoi', 'omoi-b');
    const api = `/t/omoi/api/model`;
    const dim = async (c: string, codes: string[]) => {
      const d = await w.admin.post<{ object: { id: string } }>(`${api}/dimensions`, {
        code: c,
        nameJa: c,
        nameEn: c,
      });
      const add = (e: string) => ({ op: 'add', code: e, nameJa: e, nameEn: e });
      const res = await w.admin.post(`${api}/dimensions/${d.json.object.id}/changes`, {
        changes: codes.map(add),
      });
      expect(res.status, res.text).toBe(200);
      return d.json.object.id;
    };
    const r = await dim('Rows', rows);
    const c = await dim('Cols', cols);
    const cube = await w.admin.post<{ object: { id: string } }>(`${api}/cubes`, {
      code: 'BIG',
      nameJa: '大',
      nameEn: 'Big',
      dimensionIds: [r, c],
    });
    grid = `${api}/cubes/${cube.json.object.id}/grid`;
    await registerUser(w.admin, 'omoi', 'second@omoi.example', { isOrgAdmin: true });
    second = await acceptAndSignIn(ts, 'omoi', 'second@omoi.example');
  }, 180_000);
  afterAll(async () => {
    await ts?.stop();
  });

  const body = (n = ROWS) => ({
    rows: { dimension: 'Rows', elements: rows.slice(0, n) },
    columns: { dimension: 'Cols', elements: cols },
    fixed: {},
  });

  it('refuses one row more than the budget before any work, in the caller’s language', async () => {
    // 2,000 rows (the schema's most) × 51 columns.
    const over = { ...body(), columns: { dimension: 'Cols', elements: [...cols, 'C0000'] } };
    const ja = await w.admin.post<{ error: { code: string; message: string } }>(grid, over, {
      'x-yosan-lang': 'ja',
    });
    expect(ja.status).toBe(400);
    expect(ja.json.error.code).toBe('TOO_MANY_CELLS');
    expect(ja.json.error.message).toContain('102,000 セル');
    expect(ja.json.error.message).toContain('100,000 セル');
    const en = await w.admin.post<{ error: { message: string } }>(grid, over, { 'x-yosan-lang': 'en' });
    expect(en.json.error.message).toMatch(/covers 102,000 cells, more than the 100,000/);
  });

  it('keeps /healthz and another tenant under 200 ms while two users fire the largest grids in parallel', async () => {
    const full = await w.admin.post<{ values: number[][] }>(grid, body());
    expect(full.status).toBe(200);
    expect(full.json.values.length * (full.json.values[0]?.length ?? 0)).toBe(100_000);
    let firing = false;
    // The test shares the server's process: the answers are drained, not parsed, so the timings
    // below are the server's and not this client's JSON parsing of 100,000 cells.
    const drain = (c: HttpsClient) =>
      new Promise<number>((resolve, reject) => {
        const payload = JSON.stringify(body());
        const req = https.request(
          new URL(grid, ts.url),
          {
            method: 'POST',
            ca: ts.server.runtime.deps.tls!.cert,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              'x-csrf-token': c.csrf ?? '',
              origin: ts.url,
            },
          },
          (res) => {
            res.on('data', () => undefined);
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    /** Requests each probe has timed in the current round. */
    const counts = [0, 0];
    const sampled = () => Math.min(...counts);
    const fire = async (c: HttpsClient) => {
      // At least eight bursts, and on until both probes have timed ten requests under this load.
      for (let i = 0; i < 8 || sampled() < 10; i++) {
        // Three at once: they run one after another for this user.
        expect(await Promise.all([1, 2, 3].map(() => drain(c)))).toEqual([200, 200, 200]);
      }
    };
    const probe = async (k: number, send: () => Promise<{ status: number }>) => {
      const ms: number[] = [];
      while (firing) {
        const t = performance.now();
        expect((await send()).status).toBe(200);
        ms.push(performance.now() - t);
        counts[k] = ms.length;
        await new Promise((r) => setTimeout(r, 20));
      }
      return ms;
    };
    const anonymous = ts.client();
    // Connections and sessions warm before the clock starts.
    await anonymous.get('/healthz');
    await w.adminB.get(`/t/omoi-b/api/session`);
    const round = async () => {
      firing = true;
      counts.fill(0);
      const probes = Promise.all([
        probe(0, () => anonymous.get('/healthz')),
        probe(1, () => w.adminB.get(`/t/omoi-b/api/session`)),
      ]);
      await Promise.all([fire(w.admin), fire(second)]);
      firing = false;
      const [health, other] = await probes;
      expect(Math.min(health.length, other.length)).toBeGreaterThanOrEqual(10);
      return { health: Math.max(...health), other: Math.max(...other) };
    };
    // The same probes with nobody firing: what this machine answers anyway (other suites may be
    // running beside this one). The bound is 200 ms, or that baseline + 150 ms on a busy machine.
    firing = true;
    counts.fill(0);
    const idle = Promise.all([
      probe(0, () => anonymous.get('/healthz')),
      probe(1, () => w.adminB.get(`/t/omoi-b/api/session`)),
    ]);
    while (sampled() < 10) await new Promise((r) => setTimeout(r, 50));
    firing = false;
    const baseline = Math.max(...(await idle).flat());
    const bound = Math.max(200, baseline + 150);
    // Up to three rounds: a machine busy with other suites may stall one; a server that blocks its
    // event loop on such requests (4M cells took 1.8 s before the budget) fails all three.
    const rounds: { health: number; other: number }[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push(await round());
      if (rounds.at(-1)!.health < bound && rounds.at(-1)!.other < bound) break;
    }
    console.log(
      `idle max ${Math.round(baseline)} ms (bound ${Math.round(bound)} ms); largest grids in parallel: ${rounds.map((r) => `healthz max ${Math.round(r.health)} ms, other tenant max ${Math.round(r.other)} ms`).join('; ')}`,
    );
    const last = rounds.at(-1)!;
    expect(last.health).toBeLessThan(bound);
    expect(last.other).toBeLessThan(bound);
  }, 300_000);
});

describe('the cell budget on forms, reports and exports', () => {
  let ts: TestServer;
  let w: GridWorld;
  beforeAll(async () => {
    // The expense form is 11 rows × 13 columns = 143 cells: over a budget of 100.
    ts = await startTestServer({ env: { YOSAN_MAX_CELLS_PER_REQUEST: '100' } });
    w = await gridWorld(ts, 'semai');
  }, 180_000);
  afterAll(async () => {
    await ts?.stop();
  });

  it('refuses opening, the Excel and the CSV download of a form over the budget', async () => {
    const base = `/t/semai/api/model/forms/${w.formId}`;
    const choices = { Department: 'SALES' };
    const open = await w.admin.post<{ error: { code: string } }>(`${base}/open`, { choices });
    expect(open.status).toBe(400);
    expect(open.json.error.code).toBe('TOO_MANY_CELLS');
    expect((await w.admin.binary('POST', `${base}/xlsx`, { choices })).status).toBe(400);
    expect((await w.admin.binary('POST', `${base}/csv`, { choices })).status).toBe(400);
  });
});
