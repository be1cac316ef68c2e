import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cube } from './cube.js';
import type { Dimension } from './dimension.js';
import { buildDim, dimSpec, WEIGHTS } from './testing/arbitraries.js';
import { close, ReferenceCube } from './testing/reference.js';

type Op =
  | { t: 'set'; c: number[]; v: number }
  | { t: 'spread'; c: number[]; v: number; mode: 'proportional' | 'equal'; hold: number[][] }
  | { t: 'clear'; dim: number; e: number }
  | { t: 'copy'; dim: number; from: number; to: number; fdim: number; fe: number }
  | { t: 'addLeaf'; dim: number; parent: number; w: number }
  | { t: 'unlink'; dim: number; parent: number };

const coord = fc.array(fc.nat(), { minLength: 3, maxLength: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ t: fc.constant('set' as const), c: coord, v: fc.integer({ min: -50, max: 100 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('spread' as const),
      c: coord,
      v: fc.integer({ min: -100, max: 200 }),
      mode: fc.constantFrom('proportional' as const, 'equal' as const),
      hold: fc.array(coord, { maxLength: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('clear' as const), dim: fc.nat(2), e: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('copy' as const),
      dim: fc.nat(2),
      from: fc.nat(),
      to: fc.nat(),
      fdim: fc.nat(2),
      fe: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('addLeaf' as const),
      dim: fc.nat(2),
      parent: fc.nat(),
      w: fc.nat(8),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('unlink' as const), dim: fc.nat(2), parent: fc.nat() }),
  },
);

function leavesUnder(d: Dimension, e: number): Set<number> {
  const cl = d.closure();
  return new Set(Array.from(cl.downLeaf.subarray(cl.downStart[e], cl.downStart[e + 1])));
}

function pickLeaf(d: Dimension, n: number): number {
  const leaves = d.leaves();
  return leaves[n % leaves.length] ?? 0;
}

function allCells(dims: readonly Dimension[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((p) => d.elements().map((e) => [...p, e]));
  return out;
}

function checkAll(cube: Cube, ref: ReferenceCube, dims: readonly Dimension[]): void {
  const cells = allCells(dims);
  const product = cube.readProduct(dims.map((d) => Int32Array.from(d.elements().sort((a, b) => a - b))));
  cells.forEach((ids, i) => {
    const want = ref.read(ids);
    const single = cube.read(ids);
    if (!close(single, want, ref.scale(ids)) || !close(product[i] ?? 0, want, ref.scale(ids))) {
      expect({ ids, single, product: product[i], want }).toBe('equal');
    }
  });
  expect(cube.cellCount).toBe(ref.cells.size);
}

describe('Cube against the naive reference', () => {
  it('agrees on every cell after random writes, spreads, clears, copies and edits', () => {
    fc.assert(
      fc.property(
        fc.tuple(dimSpec, dimSpec, dimSpec),
        fc.subarray([0, 1, 2], { maxLength: 2 }),
        fc.array(op, { minLength: 1, maxLength: 25 }),
        (specs, partDims, ops) => {
          const dims = specs.map((s, i) => buildDim(`D${i}`, s));
          const cube = new Cube('P', dims, { partitionDimensions: partDims });
          const ref = new ReferenceCube(dims);
          cube.onChange((cs) => {
            for (const ch of cs.toArray()) {
              expect(ch.oldValue).toBe(ref.leaf(ch.coords));
              ref.set(ch.coords, ch.newValue);
            }
          });
          for (const o of ops) {
            const before = new Map(ref.cells);
            if (o.t === 'set') {
              const ids = o.c.map((n, d) => pickLeaf(dims[d] as Dimension, n));
              cube.setCell(ids, o.v);
              expect(ref.leaf(ids)).toBe(o.v);
            } else if (o.t === 'spread') {
              const ids = o.c.map((n, d) => n % (dims[d] as Dimension).size);
              const hold = o.hold.map((h) => h.map((n, d) => n % (dims[d] as Dimension).size));
              let ok = true;
              try {
                cube.spread(ids, o.v, { mode: o.mode, hold });
              } catch (e) {
                ok = false;
                expect((e as { code?: string }).code).toBe('ENGINE_SPREAD_NO_FREE_LEAF');
              }
              if (ok) {
                expect(close(ref.read(ids), o.v, ref.scale(ids) + Math.abs(o.v))).toBe(true);
                // held leaves and leaves outside the cell keep their values
                for (const [k, v] of before) {
                  const leaf = k.split(':').map(Number);
                  const inside = leaf.every(
                    (l, d) => (dims[d] as Dimension).closure().weight(ids[d] ?? 0, l) !== 0,
                  );
                  const held = hold.some((h) =>
                    leaf.every((l, d) => leavesUnder(dims[d] as Dimension, h[d] ?? 0).has(l)),
                  );
                  if (!inside || held) expect(ref.cells.get(k)).toBe(v);
                }
              }
            } else if (o.t === 'clear') {
              const dim = dims[o.dim] as Dimension;
              const e = o.e % dim.size;
              cube.clear({ [dim.name]: [e] });
              const under = leavesUnder(dim, e);
              const survivors = [...before].filter(([k]) => !under.has(Number(k.split(':')[o.dim])));
              expect(new Map([...ref.cells].sort())).toEqual(new Map(survivors.sort()));
            } else if (o.t === 'copy') {
              const dim = dims[o.dim] as Dimension;
              const from = pickLeaf(dim, o.from);
              const to = pickLeaf(dim, o.to);
              const fdim = o.fdim === o.dim ? (o.dim + 1) % 3 : o.fdim;
              const fd = dims[fdim] as Dimension;
              const fe = o.fe % fd.size;
              const under = leavesUnder(fd, fe);
              const expected = new Map(before);
              for (const k of before.keys()) {
                const ids = k.split(':').map(Number);
                if (ids[o.dim] === to && under.has(ids[fdim] ?? -1)) expected.delete(k);
              }
              for (const [k, v] of before) {
                const ids = k.split(':').map(Number);
                if (ids[o.dim] === from && under.has(ids[fdim] ?? -1)) {
                  ids[o.dim] = to;
                  expected.set(ids.join(':'), v);
                }
              }
              cube.copy(dim.name, from, to, { [fd.name]: [fe] });
              expect(new Map([...ref.cells].sort())).toEqual(new Map([...expected].sort()));
            } else if (o.t === 'addLeaf') {
              const dim = dims[o.dim] as Dimension;
              const id = dim.addElement(`N${dim.size}`);
              const parent = o.parent % dim.size;
              if (parent !== id) dim.addLink(parent, id, WEIGHTS[o.w] ?? 1);
            } else {
              const dim = dims[o.dim] as Dimension;
              const parent = o.parent % dim.size;
              const kids = dim.children(parent);
              if (kids.length > 1) dim.removeLink(parent, kids[0]?.id ?? 0);
            }
            checkAll(cube, ref, dims);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
