/**
 * Cube benchmark: Yosan's engine vs DuckDB (several formulations) vs SQLite on
 * the same seeded data and questions. Usage:
 *   npm run bench:cube                  # sizes S and M
 *   npm run bench:cube -- --size L      # one size (S = 1e5, M = 1e6, L = 1e7 cells)
 *   options: --no-sqlite
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { exactFallbacks } from '../../src/engine/index.js';
import type { Cube } from '../../src/engine/index.js';
import { DuckBench, FORMULATIONS } from './duckdb.js';
import type { Formulation } from './duckdb.js';
import { generate, mulberry32 } from './generate.js';
import type { Dataset } from './generate.js';
import { SqliteBench } from './sqlite.js';
import { buildCube, yosanGrid } from './yosan.js';

const SIZES: Record<string, number> = { S: 1e5, M: 1e6, L: 1e7 };
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--max-old-space-size=16384', '--import', 'tsx', ...process.argv.slice(1)],
    { stdio: 'inherit' },
  );
  process.exit(r.status ?? 1);
}

interface Stat {
  median: number;
  p99: number;
  n: number;
}
function stat(xs: number[]): Stat {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
  return { median: at(0.5), p99: at(0.99), n: s.length };
}
function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}
function mem(): number {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}
function check(what: string, got: ArrayLike<number>, want: ArrayLike<number>): void {
  for (let i = 0; i < want.length; i++) {
    const a = got[i] ?? NaN;
    const b = want[i] ?? NaN;
    if (!(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)))) {
      throw new Error(`MISMATCH ${what} at ${i}: yosan ${a} vs baseline ${b}`);
    }
  }
}

async function runSize(label: string, withSqlite: boolean) {
  const n = SIZES[label] ?? 1e5;
  const res: Record<string, unknown> = { size: label, cells: n };
  const figures: Record<string, Stat> = {};
  const log = (s: string) => console.log(`[${label}] ${s}`);
  const t = performance.now();
  const ds: Dataset = generate(n);
  log(`generated ${n} cells in ${(performance.now() - t).toFixed(0)} ms`);

  // Float64Array floor: summing the same number of values.
  let sink = 0;
  figures.floor = stat(
    Array.from({ length: 21 }, () =>
      time(() => {
        let s = 0;
        const v = ds.values;
        for (let i = 0; i < v.length; i++) s += v[i] ?? 0;
        sink += s;
      }),
    ),
  );

  // ---- Yosan ----
  const m0 = mem();
  const cube: Cube = buildCube(ds);
  figures.yLoad = stat([time(() => cube.load(ds.ids, ds.values))]);
  const m1 = mem();
  res.bytesPerCell = (m1 - m0) / n;
  res.engineBytesPerCell = cube.bytes / n;
  const gtRef = ds.grandTotal;
  let yGt = 0;
  figures.yGtFirst = stat([time(() => (yGt = cube.read(gtRef)))]);
  figures.yGtCold = stat(
    Array.from({ length: 11 }, () => (cube.invalidateCache(), time(() => cube.read(gtRef)))),
  );
  figures.yGtWarm = stat(Array.from({ length: 101 }, () => time(() => cube.read(gtRef))));
  let yGrid: Float64Array<ArrayBufferLike> = new Float64Array(0);
  figures.yGridFirst = stat([time(() => (yGrid = yosanGrid(cube, ds)))]);
  figures.yGridCold = stat(
    Array.from({ length: 11 }, () => (cube.invalidateCache(), time(() => yosanGrid(cube, ds)))),
  );
  cube.read(gtRef);
  figures.yGridWarm = stat(Array.from({ length: 101 }, () => time(() => yosanGrid(cube, ds))));

  // ---- DuckDB ----
  const duck = await DuckBench.open(ds);
  figures.dLoad = stat([await duck.load()]);
  res.duckDenormaliseMs = await duck.buildDenormalised();
  const duckBest: Record<string, { f: Formulation; s: Stat }> = {};
  const best = (key: string, f: Formulation, s: Stat) => {
    figures[`d_${key}_${f}`] = s;
    const cur = duckBest[key];
    if (!cur || s.median < cur.s.median) duckBest[key] = { f, s };
  };
  const reps = label === 'L' ? 5 : 10;
  for (const f of FORMULATIONS) {
    let g: Float64Array<ArrayBufferLike> = new Float64Array(0);
    best('gridFirst', f, stat([await timeAsync(async () => (g = await duck.grid(f)))]));
    check(`grid vs duckdb ${f}`, yGrid, g);
    const warm: number[] = [];
    for (let i = 0; i < reps; i++) warm.push(await timeAsync(() => duck.grid(f)));
    best('gridWarm', f, stat(warm));
    const gts: number[] = [];
    for (let i = 0; i < reps; i++) {
      let v = 0;
      gts.push(await timeAsync(async () => (v = await duck.grandTotal(f))));
      check(`grand total vs duckdb ${f}`, [yGt], [v]);
    }
    best('gt', f, stat(gts));
    log(`duckdb ${f}: grid first ${figures[`d_gridFirst_${f}`]?.median.toFixed(1)} ms`);
  }

  // ---- SQLite ----
  let sq: SqliteBench | undefined;
  if (withSqlite) {
    sq = new SqliteBench(ds);
    figures.sLoad = stat([sq.load()]);
    let g: Float64Array<ArrayBufferLike> = new Float64Array(0);
    figures.sGrid = stat(Array.from({ length: 3 }, () => time(() => (g = (sq as SqliteBench).grid()))));
    check('grid vs sqlite', yGrid, g);
    let v = 0;
    figures.sGt = stat(Array.from({ length: 3 }, () => time(() => (v = (sq as SqliteBench).grandTotal()))));
    check('grand total vs sqlite', [yGt], [v]);
  }

  // ---- writes: 1,000 random leaf writes, each followed by a read of the grand total ----
  const rng = mulberry32(7);
  const pick = () => Math.floor(rng() * n);
  const cellIds = (i: number) => ds.ids.map((c) => c[i] ?? 0);
  const writes = Array.from({ length: 1000 }, () => ({
    ids: cellIds(pick()),
    v: Math.round(rng() * 1e6) / 100,
  }));
  const wt: number[] = [];
  for (const w of writes) wt.push(time(() => (cube.setCell(w.ids, w.v), cube.read(gtRef))));
  figures.yWriteRead = stat(wt);
  const gridWrites = Array.from({ length: 50 }, () => ({
    ids: cellIds(pick()),
    v: Math.round(rng() * 1e6) / 100,
  }));
  const ga: number[] = [];
  for (const w of gridWrites) {
    cube.setCell(w.ids, w.v);
    ga.push(time(() => (yGrid = yosanGrid(cube, ds))));
  }
  figures.yGridAfterWrite = stat(ga);
  yGt = cube.read(gtRef);
  const duckFast =
    duckBest.gt?.f === 'denormalised' ? 'closure-no-join-order' : (duckBest.gt?.f ?? 'closure');
  const dk = label === 'L' ? 30 : 100;
  const dw: number[] = [];
  for (const w of writes.slice(0, dk)) {
    dw.push(await timeAsync(async () => (await duck.update(w.ids, w.v), await duck.grandTotal(duckFast))));
  }
  figures.dWriteRead = stat(dw);
  // Last write per cell wins (UPDATE … FROM with duplicate keys would pick an arbitrary one).
  const rest = [...new Map([...writes.slice(dk), ...gridWrites].map((w) => [w.ids.join(':'), w])).values()];
  await duck.bulkUpdate(
    ds.ids.map((_, d) => Int32Array.from(rest, (w) => w.ids[d] ?? 0)),
    Float64Array.from(rest, (w) => w.v),
  );
  const closureForms = FORMULATIONS.filter((f) => f !== 'denormalised');
  const afterW: { f: Formulation; ms: number }[] = [];
  for (const f of closureForms) {
    let g: Float64Array<ArrayBufferLike> = new Float64Array(0);
    afterW.push({ f, ms: await timeAsync(async () => (g = await duck.grid(f))) });
    check(`grid after writes vs duckdb ${f}`, yGrid, g);
  }
  check('grand total after writes', [yGt], [await duck.grandTotal(duckFast)]);
  const bestAfter = afterW.sort((a, b) => a.ms - b.ms)[0];
  figures.dGridAfterWrite = stat([bestAfter?.ms ?? NaN]);
  if (sq) {
    const sw: number[] = [];
    for (const w of writes.slice(0, 20)) sw.push(time(() => (sq.update(w.ids, w.v), sq.grandTotal())));
    figures.sWriteRead = stat(sw);
    sq.close();
  }

  // ---- 1 % of the leaves changed, then the grid again ----
  const m = Math.max(1, Math.floor(n / 100));
  const chIdx = [...new Set(Array.from({ length: m }, pick))];
  const chIds = ds.ids.map((c) => Int32Array.from(chIdx, (i) => c[i] ?? 0));
  const chVals = Float64Array.from(chIdx, () => Math.round(rng() * 1e6) / 100);
  const flat = new Int32Array(chIdx.length * 6);
  chIdx.forEach((_, k) => chIds.forEach((c, d) => (flat[k * 6 + d] = c[k] ?? 0)));
  figures.yBatch = stat([time(() => cube.applyBatch(flat, chVals, chIdx.length))]);
  figures.yGridAfterBatch = stat([time(() => (yGrid = yosanGrid(cube, ds)))]);
  figures.dBatch = stat([await timeAsync(() => duck.bulkUpdate(chIds, chVals))]);
  let dg: Float64Array<ArrayBufferLike> = new Float64Array(0);
  figures.dGridAfterBatch = stat([
    await timeAsync(async () => (dg = await duck.grid(bestAfter?.f ?? 'closure'))),
  ]);
  check('grid after 1% change vs duckdb', yGrid, dg);
  duck.close();

  res.figures = figures;
  res.duckBest = Object.fromEntries(Object.entries(duckBest).map(([k, v]) => [k, v.f]));
  res.duckGridAfterWriteFormulation = bestAfter?.f;
  res.sink = sink;
  printTable(label, n, figures, duckBest, res);
  return res;
}

function printTable(
  label: string,
  n: number,
  f: Record<string, Stat>,
  duckBest: Record<string, { f: Formulation; s: Stat }>,
  res: Record<string, unknown>,
) {
  const ms = (s: Stat | undefined) => (s ? `${s.median.toFixed(3)} / ${s.p99.toFixed(3)}` : '—');
  const ratio = (a: Stat | undefined, b: Stat | undefined) =>
    a && b ? `${(b.median / a.median).toFixed(1)}×` : '—';
  const rows: [string, Stat | undefined, Stat | undefined, string, Stat | undefined][] = [
    ['bulk load (ms)', f.yLoad, f.dLoad, 'appender', f.sLoad],
    ['grand total, first after load', f.yGtFirst, duckBest.gt?.s, duckBest.gt?.f ?? '', f.sGt],
    ['grand total, rescan (cache dropped)', f.yGtCold, duckBest.gt?.s, duckBest.gt?.f ?? '', f.sGt],
    ['grand total, warm', f.yGtWarm, duckBest.gt?.s, duckBest.gt?.f ?? '', f.sGt],
    [
      'report grid, cold (first after load)',
      f.yGridFirst,
      duckBest.gridFirst?.s,
      duckBest.gridFirst?.f ?? '',
      f.sGrid,
    ],
    [
      'report grid, rescan (cache dropped)',
      f.yGridCold,
      duckBest.gridFirst?.s,
      duckBest.gridFirst?.f ?? '',
      f.sGrid,
    ],
    ['report grid, warm', f.yGridWarm, duckBest.gridWarm?.s, duckBest.gridWarm?.f ?? '', f.sGrid],
    [
      'report grid right after a write',
      f.yGridAfterWrite,
      f.dGridAfterWrite,
      String(res.duckGridAfterWriteFormulation),
      undefined,
    ],
    ['leaf write + grand-total read', f.yWriteRead, f.dWriteRead, 'UPDATE + total', f.sWriteRead],
    ['1 % of leaves changed (batch)', f.yBatch, f.dBatch, 'staging + UPDATE FROM', undefined],
    ['grid after the 1 % change', f.yGridAfterBatch, f.dGridAfterBatch, '', undefined],
  ];
  console.log(`\n=== Cube benchmark, size ${label} (${n.toLocaleString('en')} cells) — median / p99 ms ===`);
  console.log(
    [
      'operation'.padEnd(40),
      'Yosan'.padStart(20),
      'DuckDB'.padStart(22),
      'ratio'.padStart(8),
      '  DuckDB formulation'.padEnd(26),
      'SQLite'.padStart(22),
    ].join(''),
  );
  for (const [name, y, d, form, s] of rows) {
    console.log(
      [
        name.padEnd(40),
        ms(y).padStart(20),
        ms(d).padStart(22),
        ratio(y, d).padStart(8),
        `  ${form}`.padEnd(26),
        ms(s).padStart(22),
      ].join(''),
    );
  }
  const load = f.yLoad?.median ?? NaN;
  console.log(
    `Float64Array floor (sum of ${n} values): ${ms(f.floor)} ms; grand-total rescan / floor = ${((f.yGtCold?.median ?? NaN) / (f.floor?.median ?? NaN)).toFixed(2)}×`,
  );
  console.log(
    `load rate: Yosan ${(((n / load) * 1000) / 1e6).toFixed(2)} M cells/s, DuckDB appender ${(((n / (f.dLoad?.median ?? NaN)) * 1000) / 1e6).toFixed(2)} M cells/s`,
  );
  console.log(
    `memory: ${(res.bytesPerCell as number).toFixed(1)} B/cell (heap+arrayBuffers delta after gc), engine typed arrays ${(res.engineBytesPerCell as number).toFixed(1)} B/cell`,
  );
  console.log(`exact-sum fallbacks (terms spanning > 106 bits; expected 0): ${exactFallbacks.count}\n`);
}

const args = process.argv.slice(2);
const sizeArg = args.indexOf('--size');
const sizes = sizeArg >= 0 ? [(args[sizeArg + 1] ?? 'S').toUpperCase()] : ['S', 'M'];
const withSqlite = !args.includes('--no-sqlite');
const results = [];
for (const s of sizes) results.push(await runSize(s, withSqlite && s !== 'L'));
const machine = {
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model,
  memGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/cube-${sizes.join('')}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify({ machine, results }, null, 2));
console.log(`results written to ${file}`);
