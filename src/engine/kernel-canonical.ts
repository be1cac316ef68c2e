import { addExact, correctlyRoundedSum } from './exact.js';
import type { ExactSums } from './exact.js';
import type { Closure } from './hierarchy.js';
import type { Layout } from './layout.js';
import type { Partition } from './store.js';

/** A dimension of the query with several elements: leaf → (position, weight) in CSR form. */
export interface Axis {
  start: Int32Array;
  pos: Int32Array;
  w: Float64Array;
  stride: number;
  count: number;
  /** Element ids (leaves) that have at least one entry. */
  leaves: Int32Array;
}

export function buildAxis(cl: Closure, elements: Int32Array, capacity: number, stride: number): Axis {
  const start = new Int32Array(capacity + 1);
  for (const e of elements) {
    for (let k = cl.downStart[e] ?? 0, end = cl.downStart[e + 1] ?? 0; k < end; k++) {
      const leaf = cl.downLeaf[k] ?? 0;
      start[leaf + 1] = (start[leaf + 1] ?? 0) + 1;
    }
  }
  for (let i = 0; i < capacity; i++) start[i + 1] = (start[i + 1] ?? 0) + (start[i] ?? 0);
  const total = start[capacity] ?? 0;
  const pos = new Int32Array(total);
  const w = new Float64Array(total);
  const fill = start.slice(0, capacity);
  elements.forEach((e, q) => {
    for (let k = cl.downStart[e] ?? 0, end = cl.downStart[e + 1] ?? 0; k < end; k++) {
      const leaf = cl.downLeaf[k] ?? 0;
      const at = fill[leaf] ?? 0;
      pos[at] = q;
      w[at] = cl.downWeight[k] ?? 0;
      fill[leaf] = at + 1;
    }
  });
  const leaves: number[] = [];
  for (let e = 0; e < capacity; e++) if ((start[e + 1] ?? 0) > (start[e] ?? 0)) leaves.push(e);
  return { start, pos, w, stride, count: elements.length, leaves: Int32Array.from(leaves) };
}

/** Per query dimension: a weight table (one element) or an axis (several). */
export interface QueryPlan {
  readonly layout: Layout;
  readonly tables: readonly (Float64Array | undefined)[];
  readonly axes: readonly (Axis | undefined)[];
}

/**
 * Calls `term(offset, t)` for every non-zero term of every stored cell, where
 * t = value × w₀ × w₁ × … × wₙ₋₁ multiplied left to right in dimension order
 * — the canonical term every path (fresh scan, cache patch, fallback) uses,
 * so that the same cell always contributes the same double.
 */
export function visitCanonicalTerms(
  plan: QueryPlan,
  partitions: Iterable<Partition>,
  term: (offset: number, t: number) => void,
): void {
  const { layout, tables, axes } = plan;
  const n = layout.bits.length;
  const ids = new Int32Array(n);
  let offs: number[] = [];
  let ts: number[] = [];
  for (const p of partitions) {
    if (p.size === 0) continue;
    layout.partDims.forEach((d, j) => (ids[d] = p.elems[j] ?? 0));
    for (let i = 0; i < p.vals.length; i++) {
      const v = p.vals[i] ?? 0;
      if (v === 0) continue;
      for (const d of layout.innerDims) {
        const src = layout.word[d] === 0 ? (p.lo[i] ?? 0) : (p.hi[i] ?? 0);
        ids[d] = (src >>> (layout.shift[d] ?? 0)) & (layout.mask[d] ?? 0);
      }
      offs = [0];
      ts = [v];
      for (let d = 0; d < n && offs.length > 0; d++) {
        const id = ids[d] ?? 0;
        const t = tables[d];
        if (t) {
          const w = t[id] ?? 0;
          if (w === 0) offs = [];
          else for (let c = 0; c < ts.length; c++) ts[c] = (ts[c] ?? 0) * w;
          continue;
        }
        const a = axes[d];
        if (!a) continue;
        const no: number[] = [];
        const nt: number[] = [];
        for (let c = 0; c < offs.length; c++) {
          for (let k = a.start[id] ?? 0, end = a.start[id + 1] ?? 0; k < end; k++) {
            const w = a.w[k] ?? 0;
            if (w === 0) continue;
            no.push((offs[c] ?? 0) + (a.pos[k] ?? 0) * a.stride);
            nt.push((ts[c] ?? 0) * w);
          }
        }
        offs = no;
        ts = nt;
      }
      for (let c = 0; c < offs.length; c++) term(offs[c] ?? 0, ts[c] ?? 0);
    }
  }
}

/** Exact sums of canonical terms for any weights (the general, slower path). */
export function accumulateCanonical(plan: QueryPlan, partitions: Iterable<Partition>, out: ExactSums): void {
  const { hi, lo, bad } = out;
  visitCanonicalTerms(plan, partitions, (o, t) => addExact(hi, lo, bad, o, t));
}

/** How many outputs needed the slow exact fallback since start (benchmarks and tests report it). */
export const exactFallbacks = { count: 0 };

/**
 * Outputs whose double-double state overflowed its 106 bits are recomputed
 * from their terms with Shewchuk's exact summation (rare: terms spanning more
 * than ~106 bits of magnitude).
 */
export function resolveInexact(
  plan: QueryPlan,
  closures: readonly Closure[],
  query: readonly Int32Array[],
  partitions: () => Iterable<Partition>,
  out: ExactSums,
  values: Float64Array,
): void {
  const n = query.length;
  for (let o = 0; o < out.bad.length; o++) {
    if (out.bad[o] !== 1) continue;
    exactFallbacks.count++;
    const tables: Float64Array[] = [];
    let rest = o;
    for (let d = n - 1; d >= 0; d--) {
      const q = query[d] as Int32Array;
      const e = q[rest % q.length] ?? 0;
      rest = Math.floor(rest / q.length);
      tables[d] = (closures[d] as Closure).weightTable(e, plan.layout.capacity(d));
    }
    const terms: number[] = [];
    visitCanonicalTerms({ layout: plan.layout, tables, axes: [] }, partitions(), (_, t) => terms.push(t));
    values[o] = correctlyRoundedSum(terms);
  }
}
