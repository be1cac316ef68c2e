import type { ChangeSet } from './changes.js';
import type { Cube } from './cube.js';
import type { Dimension, ElementRef } from './dimension.js';
import { EngineError } from './errors.js';
import type { Closure } from './hierarchy.js';
import { spreadEqual, spreadProportional } from './spread.js';
import type { SpreadMode } from './spread.js';

export interface SpreadOptions {
  /** Default 'proportional' (equal when every current value is zero). */
  readonly mode?: SpreadMode;
  /** Cells (leaf or consolidated coordinates) whose leaves keep their values. */
  readonly hold?: readonly (readonly ElementRef[])[];
  /** Upper bound on leaves an equal spread may create (default 1e6). */
  readonly maxCells?: number;
}

/** Per dimension: element refs whose leaves are selected; a missing dimension means all. */
export type Selection = Readonly<Record<string, readonly ElementRef[]>>;

/** 1 for every leaf below (or equal to) one of `elements`, indexed by element id. */
export function membership(cl: Closure, elements: Int32Array, capacity: number): Float64Array {
  const t = new Float64Array(capacity);
  for (const e of elements) {
    for (let k = cl.downStart[e] ?? 0, end = cl.downStart[e + 1] ?? 0; k < end; k++)
      t[cl.downLeaf[k] ?? 0] = 1;
  }
  return t;
}

function selectionTables(cube: Cube, selection: Selection): (Float64Array | undefined)[] {
  const tables: (Float64Array | undefined)[] = cube.dimensions.map(() => undefined);
  const caps = cube.capacities();
  for (const [name, refs] of Object.entries(selection)) {
    const d = cube.dimIndex(name);
    const dim = cube.dimensions[d] as Dimension;
    tables[d] = membership(
      dim.closure(),
      Int32Array.from(refs, (r) => dim.id(r)),
      caps[d] ?? 0,
    );
  }
  return tables;
}

export function leafIdsOrThrow(cube: Cube, coords: readonly ElementRef[]): Int32Array {
  const ids = cube.resolve(coords);
  ids.forEach((id, d) => {
    const dim = cube.dimensions[d] as Dimension;
    if (!dim.isLeaf(id))
      throw new EngineError('ENGINE_NOT_LEAF', { dimension: dim.name, element: dim.code(id) });
  });
  return ids;
}

export function spreadCell(
  cube: Cube,
  coords: readonly ElementRef[],
  target: number,
  opts: SpreadOptions,
): ChangeSet {
  if (!Number.isFinite(target)) throw new EngineError('ENGINE_INVALID_VALUE', { value: String(target) });
  const ids = cube.resolve(coords);
  const nd = ids.length;
  const closures = cube.closures();
  const caps = cube.capacities();
  const tables = Array.from(ids, (id, d) => (closures[d] as Closure).weightTable(id, caps[d] ?? 0));
  const holds = (opts.hold ?? []).map((h) =>
    Array.from(cube.resolve(h), (id, d) =>
      membership(closures[d] as Closure, Int32Array.of(id), caps[d] ?? 0),
    ),
  );
  const isHeld = (cell: ArrayLike<number>): boolean =>
    holds.some((h) => h.every((t, d) => t[cell[d] ?? 0] === 1));
  const freeIds: number[] = [];
  const freeVals: number[] = [];
  const freeW: number[] = [];
  let heldSum = 0;
  cube.visit(tables, (cell, value, w) => {
    if (isHeld(cell)) heldSum += w * value;
    else {
      for (let d = 0; d < nd; d++) freeIds.push(cell[d] ?? 0);
      freeVals.push(value);
      freeW.push(w);
    }
  });
  const remaining = target - heldSum;
  let flat: Int32Array = Int32Array.from(freeIds);
  let next =
    (opts.mode ?? 'proportional') === 'proportional'
      ? spreadProportional(Float64Array.from(freeVals), Float64Array.from(freeW), remaining)
      : undefined;
  if (!next) {
    const all = enumerateLeaves(cube, ids, closures, opts.maxCells ?? 1e6, isHeld);
    flat = all.ids;
    next = spreadEqual(all.weights, remaining);
  }
  if (next.length === 0) {
    if (remaining === 0) return cube.applyBatch(flat, next, 0);
    const names = cube.dimensions.map((d, i) => d.code(ids[i] ?? 0)).join(', ');
    throw new EngineError('ENGINE_SPREAD_NO_FREE_LEAF', { cube: cube.name, cell: names });
  }
  return cube.applyBatch(flat, next, next.length);
}

/** Every non-held leaf combination under the cell with a non-zero weight. */
function enumerateLeaves(
  cube: Cube,
  ids: Int32Array,
  closures: readonly Closure[],
  maxCells: number,
  isHeld: (cell: ArrayLike<number>) => boolean,
): { ids: Int32Array; weights: Float64Array } {
  const nd = ids.length;
  const lists = Array.from(ids, (id, d) => {
    const cl = closures[d] as Closure;
    const leaves: number[] = [];
    const ws: number[] = [];
    for (let k = cl.downStart[id] ?? 0, e = cl.downStart[id + 1] ?? 0; k < e; k++) {
      if ((cl.downWeight[k] ?? 0) === 0) continue;
      leaves.push(cl.downLeaf[k] ?? 0);
      ws.push(cl.downWeight[k] ?? 0);
    }
    return { leaves, ws };
  });
  const total = lists.reduce((n, l) => n * l.leaves.length, 1);
  if (total > maxCells)
    throw new EngineError('ENGINE_SPREAD_TOO_LARGE', { cube: cube.name, cells: total, maxCells });
  const out: number[] = [];
  const weights: number[] = [];
  const cell = new Int32Array(nd);
  for (let i = 0; i < total; i++) {
    let rest = i;
    let w = 1;
    for (let d = nd - 1; d >= 0; d--) {
      const l = lists[d] as { leaves: number[]; ws: number[] };
      const k = rest % l.leaves.length;
      rest = Math.floor(rest / l.leaves.length);
      cell[d] = l.leaves[k] ?? 0;
      w *= l.ws[k] ?? 0;
    }
    if (w === 0 || isHeld(cell)) continue;
    for (let d = 0; d < nd; d++) out.push(cell[d] ?? 0);
    weights.push(w);
  }
  return { ids: Int32Array.from(out), weights: Float64Array.from(weights) };
}

export function clearSlice(cube: Cube, selection: Selection): ChangeSet {
  const flat: number[] = [];
  cube.visit(selectionTables(cube, selection), (cell) => {
    for (const id of cell) flat.push(id);
  });
  const n = flat.length / cube.dimensions.length;
  return cube.applyBatch(Int32Array.from(flat), new Float64Array(n), n);
}

/**
 * Makes the slice `dimension = to` (restricted by `filter`) equal to the slice
 * `dimension = from`: source cells are copied, destination cells without a
 * source cell are cleared.
 */
export function copySlice(
  cube: Cube,
  dimension: string | number,
  from: ElementRef,
  to: ElementRef,
  filter: Selection = {},
): ChangeSet {
  const d = cube.dimIndex(dimension);
  const dim = cube.dimensions[d] as Dimension;
  const src = dim.id(from);
  const dst = dim.id(to);
  for (const id of [src, dst]) {
    if (!dim.isLeaf(id))
      throw new EngineError('ENGINE_NOT_LEAF', { dimension: dim.name, element: dim.code(id) });
  }
  const nd = cube.dimensions.length;
  const flat: number[] = [];
  const values: number[] = [];
  if (src === dst) return cube.applyBatch(new Int32Array(0), values, 0);
  const tables = selectionTables(cube, { ...filter, [dim.name]: [src] });
  cube.visit(tables, (cell, value) => {
    for (let k = 0; k < nd; k++) flat.push(k === d ? dst : (cell[k] ?? 0));
    values.push(value);
  });
  cube.visit(selectionTables(cube, { ...filter, [dim.name]: [dst] }), (cell) => {
    const probe = Int32Array.from(cell);
    probe[d] = src;
    if (cube.leafValue(probe) !== 0) return;
    for (const id of cell) flat.push(id);
    values.push(0);
  });
  return cube.applyBatch(Int32Array.from(flat), values, values.length);
}
