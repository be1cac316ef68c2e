import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cube } from './cube.js';
import type { Dimension } from './dimension.js';
import { addExact, correctlyRoundedSum, exactSums, roundedValue } from './exact.js';
import { exactFallbacks } from './kernel-canonical.js';
import { buildDim, dimSpec } from './testing/arbitraries.js';

/** Weights whose products round (0.1, 1/3 …) next to the usual ±1. */
const ROUNDING_WEIGHTS = [1, -1, 0.1, 1 / 3, -0.7, 2.5, 1, -1, 1e-3];

describe('correctlyRoundedSum', () => {
  it('is the correctly rounded exact sum', () => {
    expect(correctlyRoundedSum([])).toBe(0);
    expect(correctlyRoundedSum([1e100, 1, -1e100])).toBe(1);
    expect(correctlyRoundedSum(new Array<number>(10).fill(0.1))).toBe(1);
    expect(correctlyRoundedSum([1, 1e-16, 1e-16])).toBe(1.0000000000000002);
    expect(Object.is(correctlyRoundedSum([-0, -0]), 0)).toBe(true);
  });

  it('does not depend on the order of its terms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 })),
        (xs) => {
          const reversed = correctlyRoundedSum([...xs].reverse());
          expect(Object.is(correctlyRoundedSum(xs), reversed)).toBe(true);
        },
      ),
    );
  });
});

describe('addExact', () => {
  it('keeps hi + lo equal to the exact sum, and says when it no longer can', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
          { maxLength: 200 },
        ),
        (xs) => {
          const s = exactSums(1);
          for (const x of xs) addExact(s.hi, s.lo, s.bad, 0, x);
          expect(s.bad[0]).toBe(0);
          expect(roundedValue(s, 0)).toBe(correctlyRoundedSum(xs));
        },
      ),
    );
    const s = exactSums(1);
    for (const x of [1e300, 1e-300, 3e-310, 1]) addExact(s.hi, s.lo, s.bad, 0, x);
    expect(s.bad[0]).toBe(1);
  });
});

function allCells(dims: readonly Dimension[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((p) => d.elements().map((e) => [...p, e]));
  return out;
}

/** Canonical terms of a cell: value × w₀ × … × wₙ₋₁ (left to right) over every stored leaf below it. */
function referenceValue(
  dims: readonly Dimension[],
  leaves: Map<string, number>,
  ids: readonly number[],
): number {
  const terms: number[] = [];
  for (const [key, v] of leaves) {
    const leaf = key.split(':').map(Number);
    let t = v;
    leaf.forEach((l, d) => (t *= (dims[d] as Dimension).closure().weight(ids[d] ?? 0, l)));
    if (t !== 0) terms.push(t);
  }
  return correctlyRoundedSum(terms);
}

describe('Cube consolidation is exact and history-independent', () => {
  it('gives the correctly rounded exact sum, whether cached and patched, scanned afresh or rebuilt in another order', () => {
    const value = fc.oneof(
      fc.integer({ min: -1e8, max: 1e8 }).map((n) => n / 100),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }),
      fc.constantFrom(1 / 3, 1e-9, 1e15 + 0.5, 0),
    );
    const write = fc.record({
      leaf: fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
      v: value,
      readAfter: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.tuple(dimSpec, dimSpec, dimSpec),
        fc.subarray([0, 1, 2], { maxLength: 2 }),
        fc.array(write, { minLength: 1, maxLength: 40 }),
        (specs, partDims, writes) => {
          const dims = specs.map((s, i) => buildDim(`D${i}`, s, ROUNDING_WEIGHTS));
          const cube = new Cube('X', dims, { partitionDimensions: partDims });
          const cells = allCells(dims);
          const leaves = new Map<string, number>();
          for (const w of writes) {
            const ids = w.leaf.map((n, d) => {
              const ls = (dims[d] as Dimension).leaves();
              return ls[n % ls.length] ?? 0;
            });
            cube.setCell(ids, w.v);
            if (w.v === 0) leaves.delete(ids.join(':'));
            else leaves.set(ids.join(':'), w.v);
            // Reading fills the cache, which later writes then patch.
            if (w.readAfter) cube.readProduct(dims.map((d) => Int32Array.from(d.elements())));
          }
          // A rebuild: the same leaves loaded in reverse order into a cube with other partitions.
          const rebuilt = new Cube('Y', dims, { partitionDimensions: partDims.length > 0 ? [] : [0] });
          for (const [key, v] of [...leaves].reverse()) rebuilt.setCell(key.split(':').map(Number), v);
          const grid = cube.readProduct(dims.map((d) => Int32Array.from(d.elements())));
          for (const [i, ids] of cells.entries()) {
            const want = referenceValue(dims, leaves, ids);
            expect([ids, cube.read(ids)]).toEqual([ids, want]);
            expect([ids, grid[i]]).toEqual([ids, want]);
            expect([ids, rebuilt.read(ids)]).toEqual([ids, want]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('falls back to exact expansion arithmetic when terms span more than a double-double', () => {
    const dims = ['A', 'B'].map((n) =>
      buildDim(n, {
        leaves: 3,
        links: [
          [
            [0, 0],
            [1, 0],
            [2, 0],
          ],
        ],
      }),
    );
    const cube = new Cube('Z', dims);
    cube.setCells([
      { coords: [1, 1], value: 1e200 },
      { coords: [2, 1], value: 1 },
      { coords: [3, 1], value: -1e200 },
      { coords: [1, 2], value: 1e-200 },
    ]);
    expect(cube.read([0, 0])).toBe(1);
    cube.invalidateCache();
    expect(cube.readProduct([Int32Array.of(0, 1), Int32Array.of(0, 1, 2)])[0]).toBe(1);
  });

  it('sums 300,000 figures with two decimals exactly on the fast path (no fallback)', () => {
    const a = buildDim('A', {
      leaves: 3000,
      links: [[...Array(3000).keys()].map((k) => [k, k % 7 === 0 ? 3 : 0])],
    });
    const b = buildDim('B', { leaves: 100, links: [[...Array(100).keys()].map((k) => [k, 0])] });
    const cube = new Cube('D', [a, b]);
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cells: { coords: number[]; value: number }[] = [];
    for (let i = 1; i <= 3000; i++)
      for (let j = 1; j <= 100; j++) cells.push({ coords: [i, j], value: Math.round(rnd() * 1e8) / 100 });
    cube.setCells(cells);
    const before = exactFallbacks.count;
    const terms = cells.map((c) => c.value * (((c.coords[0] ?? 0) - 1) % 7 === 0 ? -1 : 1));
    expect(cube.read([0, 0])).toBe(correctlyRoundedSum(terms));
    expect(exactFallbacks.count).toBe(before);
  });

  it('sums a dense partition per leaf first, with the same exact result', () => {
    // A: root → 5 groups (one with weight -1) → 50 leaves; B: 20 leaves; P (partition dimension): 3 leaves.
    const a = buildDim('A', {
      leaves: 50,
      links: [
        [0, 1, 2, 3, 4].map((k): [number, number] => [k, k === 2 ? 3 : 0]),
        ...[0, 1, 2, 3, 4].map((g) =>
          Array.from({ length: 10 }, (_, j): [number, number] => [4 - g + g * 10 + j, j % 4 === 0 ? 3 : 0]),
        ),
      ],
    });
    const b = buildDim('B', {
      leaves: 20,
      links: [Array.from({ length: 20 }, (_, k): [number, number] => [k, 0])],
    });
    const pd = buildDim('P', {
      leaves: 3,
      links: [
        [
          [0, 0],
          [1, 0],
          [2, 0],
        ],
      ],
    });
    const dims = [a, b, pd];
    const cube = new Cube('G', dims, { partitionDimensions: [2] });
    const leaves = new Map<string, number>();
    let seed = 11;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cells: { coords: number[]; value: number }[] = [];
    for (const x of a.leaves())
      for (const y of b.leaves())
        for (const z of pd.leaves()) {
          const value = Math.round((rnd() - 0.3) * 1e7) / 100;
          cells.push({ coords: [x, y, z], value });
          leaves.set([x, y, z].join(':'), value);
        }
    cube.setCells(cells);
    const rows = Int32Array.from(a.elements());
    const cols = Int32Array.from(pd.elements());
    const got = cube.readProduct([rows, Int32Array.of(0), cols]);
    rows.forEach((r, i) =>
      cols.forEach((c, j) =>
        expect([r, c, got[i * cols.length + j]]).toEqual([r, c, referenceValue(dims, leaves, [r, 0, c])]),
      ),
    );
  });
});
