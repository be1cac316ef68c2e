import { addExact, exactSums, roundedValue } from './exact.js';
import type { ExactSums } from './exact.js';
import type { Closure } from './hierarchy.js';
import { accumulateCanonical, buildAxis, resolveInexact } from './kernel-canonical.js';
import type { Axis, QueryPlan } from './kernel-canonical.js';
import type { Layout } from './layout.js';
import type { Partition } from './store.js';

/** Result of a scan: exact states (for the cache) and the correctly rounded values. */
export interface Aggregate {
  readonly sums: ExactSums;
  readonly values: Float64Array;
}

function signWeights(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) {
    const w = a[i] ?? 0;
    if (w !== 0 && w !== 1 && w !== -1) return false;
  }
  return true;
}

/**
 * Weighted sums of every cell of the cartesian product `query[0] × … ×
 * query[n-1]` (element ids, leaf or consolidated), row-major (last dimension
 * fastest), each the correctly rounded exact sum of its canonical terms (see
 * exact.ts, kernel-canonical.ts). When every weight the query uses is 1, -1
 * or 0 (most hierarchies), every product is exact and the scan may factor
 * weights out: one pass over the partitions whose partition-dimension
 * elements are below the query, one branch-light pass over their slots.
 */
export function aggregate(
  layout: Layout,
  partitions: () => Iterable<Partition>,
  closures: readonly Closure[],
  query: readonly Int32Array[],
): Aggregate {
  const n = query.length;
  const strides = new Array<number>(n).fill(1);
  for (let d = n - 2; d >= 0; d--) strides[d] = (strides[d + 1] ?? 1) * (query[d + 1]?.length ?? 1);
  const total = (strides[0] ?? 1) * (query[0]?.length ?? 1);
  const sums = exactSums(total);
  const values = new Float64Array(total);
  if (total === 0) return { sums, values };
  const tables: (Float64Array | undefined)[] = [];
  const axes: (Axis | undefined)[] = [];
  let signOnly = true;
  for (let d = 0; d < n; d++) {
    const q = query[d] ?? new Int32Array(0);
    const cl = closures[d];
    if (!cl) continue;
    if (q.length === 1) tables[d] = cl.weightTable(q[0] ?? 0, layout.capacity(d));
    else axes[d] = buildAxis(cl, q, layout.capacity(d), strides[d] ?? 1);
    signOnly &&= signWeights(tables[d] ?? axes[d]?.w ?? new Float64Array(0));
  }
  const plan: QueryPlan = { layout, tables, axes };
  const innerAxes = layout.innerDims.filter((d) => axes[d]).length;
  if (signOnly && innerAxes <= 2) scanFactored(plan, closures, query, partitions(), sums);
  else accumulateCanonical(plan, partitions(), sums);
  for (let o = 0; o < total; o++) values[o] = roundedValue(sums, o);
  resolveInexact(plan, closures, query, partitions, sums, values);
  return { sums, values };
}

type Field = { word: number; shift: number; mask: number };
type Fixed = Field & { t: Float64Array };
type InnerAxis = Field & { a: Axis };

function fieldSource(p: Partition, word: number): Int32Array {
  return word === 0 ? p.lo : p.hi;
}

/** The fast path: every weight is 1, -1 or 0, so weights may be factored out exactly. */
function scanFactored(
  plan: QueryPlan,
  closures: readonly Closure[],
  query: readonly Int32Array[],
  partitions: Iterable<Partition>,
  out: ExactSums,
): void {
  const { layout, tables, axes } = plan;
  const fixed: Fixed[] = [];
  const innerAxes: InnerAxis[] = [];
  for (const d of layout.innerDims) {
    const geo = { word: layout.word[d] ?? 0, shift: layout.shift[d] ?? 0, mask: layout.mask[d] ?? 0 };
    const t = tables[d];
    const a = axes[d];
    if (t) {
      if (closures[d]?.isUnit[query[d]?.[0] ?? 0] !== 1) fixed.push({ ...geo, t });
    } else if (a) innerAxes.push({ ...geo, a });
  }
  const combOff: number[] = [];
  const combW: number[] = [];
  const acc = exactSums(innerAxes.length === 1 ? (innerAxes[0]?.a.count ?? 0) : 1);
  const perLeaf = exactSums(innerAxes.length === 1 ? (innerAxes[0]?.a.start.length ?? 1) : 0);
  for (const p of partitions) {
    if (p.size === 0) continue;
    combinations(plan, p, combOff, combW);
    if (combOff.length === 0) continue;
    if (innerAxes.length === 0) {
      sumPartition(p, fixed, acc);
      mergeInto(out, acc, combOff, combW, 1);
    } else if (innerAxes.length === 1) {
      const ax = innerAxes[0] as InnerAxis;
      accumulateAxis(p, fixed, ax, acc, perLeaf);
      mergeInto(out, acc, combOff, combW, ax.a.stride);
    } else {
      accumulateTwo(p, fixed, innerAxes as [InnerAxis, InnerAxis], combOff, combW, out);
    }
  }
}

/** Partition-level (output offset, weight) combinations of the partition dimensions. */
function combinations(plan: QueryPlan, p: Partition, combOff: number[], combW: number[]): void {
  const { layout, tables, axes } = plan;
  combOff.length = 0;
  combW.length = 0;
  combOff.push(0);
  combW.push(1);
  for (let j = 0; j < layout.partDims.length && combOff.length > 0; j++) {
    const d = layout.partDims[j] ?? 0;
    const e = p.elems[j] ?? 0;
    const t = tables[d];
    if (t) {
      const w = t[e] ?? 0;
      if (w === 0) combOff.length = 0;
      else for (let c = 0; c < combW.length; c++) combW[c] = (combW[c] ?? 0) * w;
      continue;
    }
    const a = axes[d];
    if (!a) continue;
    const s = a.start[e] ?? 0;
    const end = a.start[e + 1] ?? 0;
    const prevOff = combOff.splice(0);
    const prevW = combW.splice(0);
    for (let c = 0; c < prevOff.length; c++) {
      for (let k = s; k < end; k++) {
        const w = (prevW[c] ?? 0) * (a.w[k] ?? 0);
        if (w === 0) continue;
        combOff.push((prevOff[c] ?? 0) + (a.pos[k] ?? 0) * a.stride);
        combW.push(w);
      }
    }
  }
}

/** out[o + q·stride] += acc[q] × w for every combination (w is ±1: exact); then clears acc. */
function mergeInto(
  out: ExactSums,
  acc: ExactSums,
  combOff: readonly number[],
  combW: readonly number[],
  stride: number,
): void {
  const { hi, lo, bad } = out;
  const m = acc.hi.length;
  for (let c = 0; c < combOff.length; c++) {
    const base = combOff[c] ?? 0;
    const w = combW[c] ?? 0;
    for (let q = 0; q < m; q++) {
      const o = base + q * stride;
      addExact(hi, lo, bad, o, (acc.hi[q] ?? 0) * w);
      addExact(hi, lo, bad, o, (acc.lo[q] ?? 0) * w);
      if (acc.bad[q] === 1) bad[o] = 1;
    }
  }
  acc.hi.fill(0);
  acc.lo.fill(0);
  acc.bad.fill(0);
}

/** Σ value × Π fixed weights over the partition, exactly, into acc[0]. Empty slots hold 0. */
function sumPartition(p: Partition, fixed: readonly Fixed[], acc: ExactSums): void {
  const f0 = fixed[0];
  if (!f0) sumSlots(p.vals, p.lo, 0, 0, NO_WEIGHTS, acc);
  else if (fixed.length === 1) sumSlots(p.vals, fieldSource(p, f0.word), f0.shift, f0.mask, f0.t, acc);
  else {
    const xs = new Float64Array(p.vals.length);
    for (let i = 0; i < xs.length; i++) xs[i] = (p.vals[i] ?? 0) * fixedWeight(p, fixed, i);
    sumSlots(xs, p.lo, 0, 0, NO_WEIGHTS, acc);
  }
}

const NO_WEIGHTS = Float64Array.of(1);

/**
 * acc[0] = Σ vals[i] × t[(src[i] >>> shift) & mask], exactly (TwoSum into a
 * double-double; see exact.ts). With mask 0 every slot reads t[0] = 1.
 */
function sumSlots(
  vals: Float64Array,
  src: Int32Array,
  shift: number,
  mask: number,
  t: Float64Array,
  acc: ExactSums,
): void {
  let h = 0;
  let l = 0;
  let inexact = false;
  for (let i = 0; i < vals.length; i++) {
    const x = (vals[i] as number) * (t[((src[i] as number) >>> shift) & mask] as number);
    const s = h + x;
    const bp = s - h;
    const e = h - (s - bp) + (x - bp);
    h = s;
    const u = l + e;
    if (u - l === e && u - e === l) l = u;
    else {
      // Renormalise exactly (TwoSum of h and l) and retry, as addExact does.
      const s2 = h + l;
      const bq = s2 - h;
      const l2 = h - (s2 - bq) + (l - bq);
      h = s2;
      l = l2 + e;
      if (l - l2 !== e || l - e !== l2) inexact = true;
    }
  }
  acc.hi[0] = h;
  acc.lo[0] = l;
  acc.bad[0] = inexact ? 1 : 0;
}

function fixedWeight(p: Partition, fixed: readonly Fixed[], i: number): number {
  let w = 1;
  for (let k = 0; k < fixed.length && w !== 0; k++) {
    const f = fixed[k] as Fixed;
    w *= f.t[((fieldSource(p, f.word)[i] ?? 0) >>> f.shift) & f.mask] ?? 0;
  }
  return w;
}

/**
 * acc[q] += value × fixed weights × axis weight, for one axis among the inner
 * dimensions. A partition with many more cells than the axis has leaves is
 * first summed per leaf (one exact add per cell), then each leaf's sum goes to
 * its rows (weights ±1, so scaling a double-double is exact).
 */
function accumulateAxis(
  p: Partition,
  fixed: readonly Fixed[],
  ax: InnerAxis,
  acc: ExactSums,
  perLeaf: ExactSums,
): void {
  const vals = p.vals;
  const src = fieldSource(p, ax.word);
  const { shift, mask } = ax;
  const { start, pos, w, leaves } = ax.a;
  const preSum = p.size > 2 * leaves.length;
  const target = preSum ? perLeaf : acc;
  const { hi, lo, bad } = target;
  const len = vals.length;
  const hasFixed = fixed.length > 0;
  for (let i = 0; i < len; i++) {
    const e = ((src[i] ?? 0) >>> shift) & mask;
    const s = start[e] ?? 0;
    const end = start[e + 1] ?? 0;
    if (s === end) continue;
    let v = vals[i] ?? 0;
    if (hasFixed) v *= fixedWeight(p, fixed, i);
    if (v === 0) continue;
    if (preSum) addExact(hi, lo, bad, e, v);
    else for (let k = s; k < end; k++) addExact(hi, lo, bad, pos[k] ?? 0, v * (w[k] ?? 0));
  }
  if (!preSum) return;
  for (const e of leaves) {
    const h = hi[e] ?? 0;
    const l = lo[e] ?? 0;
    if (h === 0 && l === 0) continue;
    for (let k = start[e] ?? 0, end = start[e + 1] ?? 0; k < end; k++) {
      const q = pos[k] ?? 0;
      addExact(acc.hi, acc.lo, acc.bad, q, h * (w[k] ?? 0));
      addExact(acc.hi, acc.lo, acc.bad, q, l * (w[k] ?? 0));
      if (bad[e] === 1) acc.bad[q] = 1;
    }
    hi[e] = 0;
    lo[e] = 0;
    bad[e] = 0;
  }
}

/** Two axes among the inner dimensions (e.g. Account × Product). */
function accumulateTwo(
  p: Partition,
  fixed: readonly Fixed[],
  [x, y]: readonly [InnerAxis, InnerAxis],
  combOff: readonly number[],
  combW: readonly number[],
  out: ExactSums,
): void {
  const xs = fieldSource(p, x.word);
  const ys = fieldSource(p, y.word);
  const vals = p.vals;
  const { hi, lo, bad } = out;
  for (let i = 0; i < vals.length; i++) {
    const ex = ((xs[i] ?? 0) >>> x.shift) & x.mask;
    const sx = x.a.start[ex] ?? 0;
    const endx = x.a.start[ex + 1] ?? 0;
    if (sx === endx) continue;
    const ey = ((ys[i] ?? 0) >>> y.shift) & y.mask;
    const sy = y.a.start[ey] ?? 0;
    const endy = y.a.start[ey + 1] ?? 0;
    if (sy === endy) continue;
    const v = (vals[i] ?? 0) * fixedWeight(p, fixed, i);
    if (v === 0) continue;
    for (let c = 0; c < combOff.length; c++) {
      const oc = combOff[c] ?? 0;
      const vc = v * (combW[c] ?? 0);
      for (let kx = sx; kx < endx; kx++) {
        const ox = oc + (x.a.pos[kx] ?? 0) * x.a.stride;
        const vx = vc * (x.a.w[kx] ?? 0);
        for (let ky = sy; ky < endy; ky++) {
          addExact(hi, lo, bad, ox + (y.a.pos[ky] ?? 0) * y.a.stride, vx * (y.a.w[ky] ?? 0));
        }
      }
    }
  }
}
