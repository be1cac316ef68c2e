import type { Closure } from './hierarchy.js';
import type { Layout } from './layout.js';
import type { Partition } from './store.js';

/** A dimension of the query with several elements: leaf → (position, weight) in CSR form. */
interface Axis {
  start: Int32Array;
  pos: Int32Array;
  w: Float64Array;
  stride: number;
  count: number;
}

function buildAxis(cl: Closure, elements: Int32Array, capacity: number, stride: number): Axis {
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
  return { start, pos, w, stride, count: elements.length };
}

/**
 * Weighted sums of every cell of the cartesian product `query[0] × … ×
 * query[n-1]` (element ids, leaf or consolidated), row-major (last dimension
 * fastest). One pass over the partitions whose partition-dimension elements
 * are below the query; inside a partition, one branch-free pass over its slots.
 */
export function aggregate(
  layout: Layout,
  partitions: Iterable<Partition>,
  closures: readonly Closure[],
  query: readonly Int32Array[],
): Float64Array {
  const n = query.length;
  const strides = new Array<number>(n).fill(1);
  for (let d = n - 2; d >= 0; d--) strides[d] = (strides[d + 1] ?? 1) * (query[d + 1]?.length ?? 1);
  const out = new Float64Array((strides[0] ?? 1) * (query[0]?.length ?? 1));
  if (out.length === 0) return out;
  const tables: (Float64Array | undefined)[] = [];
  const axes: (Axis | undefined)[] = [];
  for (let d = 0; d < n; d++) {
    const q = query[d] ?? new Int32Array(0);
    const cl = closures[d];
    if (!cl) continue;
    if (q.length === 1) tables[d] = cl.weightTable(q[0] ?? 0, layout.capacity(d));
    else axes[d] = buildAxis(cl, q, layout.capacity(d), strides[d] ?? 1);
  }
  // Inner dimensions: fixed non-unit tables, and axes.
  const fixed: { word: number; shift: number; mask: number; t: Float64Array }[] = [];
  const innerAxes: { word: number; shift: number; mask: number; a: Axis }[] = [];
  for (const d of layout.innerDims) {
    const t = tables[d];
    const a = axes[d];
    const geo = { word: layout.word[d] ?? 0, shift: layout.shift[d] ?? 0, mask: layout.mask[d] ?? 0 };
    if (t) {
      const e = query[d]?.[0] ?? 0;
      if (closures[d]?.isUnit[e] !== 1) fixed.push({ ...geo, t });
    } else if (a) innerAxes.push({ ...geo, a });
  }
  const combOff: number[] = [];
  const combW: number[] = [];
  const acc = new Float64Array(innerAxes.length === 1 ? (innerAxes[0]?.a.count ?? 0) : 0);
  for (const p of partitions) {
    if (p.size === 0) continue;
    // Partition-level combinations (output offset, weight).
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
    if (combOff.length === 0) continue;
    if (innerAxes.length === 0) {
      const s = sumPartition(p, fixed);
      for (let c = 0; c < combOff.length; c++) {
        const o = combOff[c] ?? 0;
        out[o] = (out[o] ?? 0) + s * (combW[c] ?? 0);
      }
    } else if (innerAxes.length === 1) {
      const ax = innerAxes[0];
      if (!ax) continue;
      accumulateAxis(p, fixed, ax, acc);
      const stride = ax.a.stride;
      for (let c = 0; c < combOff.length; c++) {
        const o = combOff[c] ?? 0;
        const cw = combW[c] ?? 0;
        for (let q = 0; q < acc.length; q++)
          out[o + q * stride] = (out[o + q * stride] ?? 0) + (acc[q] ?? 0) * cw;
      }
      acc.fill(0);
    } else if (innerAxes.length === 2) {
      accumulateTwo(p, fixed, innerAxes, combOff, combW, out);
    } else {
      accumulateGeneric(p, fixed, innerAxes, combOff, combW, out);
    }
  }
  return out;
}

type Fixed = { word: number; shift: number; mask: number; t: Float64Array };

function fieldSource(p: Partition, word: number): Int32Array {
  return word === 0 ? p.lo : p.hi;
}

/** Σ value × Π fixed weights over the partition. Empty slots hold 0 and decode to weight 0. */
function sumPartition(p: Partition, fixed: readonly Fixed[]): number {
  const vals = p.vals;
  const len = vals.length;
  let s = 0;
  if (fixed.length === 0) {
    for (let i = 0; i < len; i++) s += vals[i] ?? 0;
    return s;
  }
  const f0 = fixed[0];
  if (fixed.length === 1 && f0) {
    const src = fieldSource(p, f0.word);
    const { shift, mask, t } = f0;
    for (let i = 0; i < len; i++) s += (vals[i] ?? 0) * (t[((src[i] ?? 0) >>> shift) & mask] ?? 0);
    return s;
  }
  for (let i = 0; i < len; i++) {
    let w = vals[i] ?? 0;
    for (let k = 0; k < fixed.length && w !== 0; k++) {
      const f = fixed[k];
      if (f) w *= f.t[((fieldSource(p, f.word)[i] ?? 0) >>> f.shift) & f.mask] ?? 0;
    }
    s += w;
  }
  return s;
}

function fixedWeight(p: Partition, fixed: readonly Fixed[], i: number): number {
  let w = 1;
  for (let k = 0; k < fixed.length && w !== 0; k++) {
    const f = fixed[k];
    if (f) w *= f.t[((fieldSource(p, f.word)[i] ?? 0) >>> f.shift) & f.mask] ?? 0;
  }
  return w;
}

/** acc[q] += value × fixed weights × axis weight, for one axis among the inner dimensions. */
function accumulateAxis(
  p: Partition,
  fixed: readonly Fixed[],
  ax: { word: number; shift: number; mask: number; a: Axis },
  acc: Float64Array,
): void {
  const vals = p.vals;
  const src = fieldSource(p, ax.word);
  const { shift, mask } = ax;
  const { start, pos, w } = ax.a;
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
    for (let k = s; k < end; k++) {
      const q = pos[k] ?? 0;
      acc[q] = (acc[q] ?? 0) + v * (w[k] ?? 0);
    }
  }
}

type InnerAxis = { word: number; shift: number; mask: number; a: Axis };

/** Two axes among the inner dimensions (e.g. Account × Product). */
function accumulateTwo(
  p: Partition,
  fixed: readonly Fixed[],
  axes: readonly InnerAxis[],
  combOff: readonly number[],
  combW: readonly number[],
  out: Float64Array,
): void {
  const [x, y] = axes as [InnerAxis, InnerAxis];
  const xs = fieldSource(p, x.word);
  const ys = fieldSource(p, y.word);
  const vals = p.vals;
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
          const o = ox + (y.a.pos[ky] ?? 0) * y.a.stride;
          out[o] = (out[o] ?? 0) + vx * (y.a.w[ky] ?? 0);
        }
      }
    }
  }
}

/** Three or more axes among the inner dimensions: expand each cell's combinations. */
function accumulateGeneric(
  p: Partition,
  fixed: readonly Fixed[],
  axes: readonly { word: number; shift: number; mask: number; a: Axis }[],
  combOff: readonly number[],
  combW: readonly number[],
  out: Float64Array,
): void {
  let offs: number[] = [];
  let ws: number[] = [];
  for (let i = 0; i < p.vals.length; i++) {
    if (p.lo[i] === -1) continue;
    const v = (p.vals[i] ?? 0) * fixedWeight(p, fixed, i);
    if (v === 0) continue;
    offs = combOff.slice();
    ws = combW.map((w) => w * v);
    for (const ax of axes) {
      const e = ((fieldSource(p, ax.word)[i] ?? 0) >>> ax.shift) & ax.mask;
      const s = ax.a.start[e] ?? 0;
      const end = ax.a.start[e + 1] ?? 0;
      const no: number[] = [];
      const nw: number[] = [];
      for (let c = 0; c < offs.length; c++) {
        for (let k = s; k < end; k++) {
          no.push((offs[c] ?? 0) + (ax.a.pos[k] ?? 0) * ax.a.stride);
          nw.push((ws[c] ?? 0) * (ax.a.w[k] ?? 0));
        }
      }
      offs = no;
      ws = nw;
      if (offs.length === 0) break;
    }
    for (let c = 0; c < offs.length; c++) {
      const o = offs[c] ?? 0;
      out[o] = (out[o] ?? 0) + (ws[c] ?? 0);
    }
  }
}
