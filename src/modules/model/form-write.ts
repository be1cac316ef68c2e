import { isEngineError, type ChangeSet, type Closure, type Cube } from '../../engine/index.js';
import { AppError, type CellConflict } from '../../platform/errors/app-error.js';
import { cellLevel, type CubeRights } from './rights.js';

/**
 * The engine side of saving a form (pure, no I/O): it runs inside the cube store's write queue
 * (`cubeStore.run`), on the cube as it is at that moment, so no other write can come between the
 * conflict check and the write. Throwing refuses the save; the store reverts every cell this
 * changed.
 */
export interface FormCellWrite {
  /** Row and column element codes (for conflicts and messages). */
  row: string;
  column: string;
  /** Element codes in the cube's dimension order. */
  coords: readonly string[];
  value: number;
  /** The value the client loaded; absent or null: no conflict check. */
  base?: number | null | undefined;
  /** Index of the cell in the request (for issue paths). */
  index: number;
  /**
   * How a consolidated cell is spread (issue 18): `proportional` (default; equal when every leaf
   * is zero) or `equal`, and the cells the user locked (held), which must lie under it.
   */
  spread?: FormSpread | undefined;
}

export type FormSpreadMode = 'proportional' | 'equal';

export interface FormSpread {
  mode?: FormSpreadMode | undefined;
  hold?: readonly { row: string; column: string; coords: readonly string[] }[] | undefined;
}

export interface FormWriteResult {
  /** The change sets that are spreads of consolidated cells (history source `spread`). */
  spread: ReadonlySet<ChangeSet>;
}

/** Loaded and current value agree (a relative tolerance: totals are sums of doubles). */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function isLeafCell(closures: readonly Closure[], ids: Int32Array): boolean {
  for (let d = 0; d < ids.length; d++) if ((closures[d] as Closure).isLeaf[ids[d] ?? 0] !== 1) return false;
  return true;
}

/** Whether the leaf `leaf` lies below (or is) the element `anc` (its sorted leaf list). */
function leafUnder(cl: Closure, anc: number, leaf: number): boolean {
  let a = cl.downStart[anc] ?? 0;
  let b = (cl.downStart[anc + 1] ?? 0) - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    const l = cl.downLeaf[m] ?? 0;
    if (l === leaf) return true;
    if (l < leaf) a = m + 1;
    else b = m - 1;
  }
  return false;
}

/** True when the element `el` has a leaf in common with `anc` (is it, or lies below it). */
function overlaps(cl: Closure, anc: number, el: number): boolean {
  if (anc === el) return true;
  for (let k = cl.downStart[el] ?? 0, e = cl.downStart[el + 1] ?? 0; k < e; k++)
    if (leafUnder(cl, anc, cl.downLeaf[k] ?? 0)) return true;
  return false;
}

/** True when every leaf of the element `el` lies below (or is) `anc`. */
function within(cl: Closure, anc: number, el: number): boolean {
  if (anc === el) return true;
  for (let k = cl.downStart[el] ?? 0, e = cl.downStart[el + 1] ?? 0; k < e; k++)
    if (!leafUnder(cl, anc, cl.downLeaf[k] ?? 0)) return false;
  return true;
}

/**
 * 1. Every cell with a `base` must still hold that value, else `FORM_SAVE_CONFLICT` (409) with the
 *    conflicts, nothing written.
 * 2. Leaf cells are written as one batch.
 * 3. Consolidated cells are spread over their leaves by the engine, smallest first, in the cell's
 *    `spread.mode` (`proportional` to the current values — equal when they are all zero — by
 *    default, or `equal`); the leaves written in step 2, the cells spread before and the cell's
 *    own `spread.hold` cells (the user's locks, which must lie under it, else
 *    `FORM_SPREAD_HOLD_OUTSIDE`) keep their values (engine `hold`), so a total typed together
 *    with some of its leaves moves only the others. Nothing left to move: `FORM_SPREAD_NO_FREE_LEAF`.
 * 4. Every leaf that changed must be writable for the user (`cellLevel` 2), else `FORBIDDEN`.
 */
export function applyFormWrite(
  cube: Cube,
  rights: CubeRights,
  cells: readonly FormCellWrite[],
): FormWriteResult {
  const closures = cube.closures();
  const resolved = cells.map((c) => {
    const ids = cube.resolve(c.coords);
    const hold = (c.spread?.hold ?? []).map((h, j) => {
      const hids = cube.resolve(h.coords);
      if (!hids.every((id, d) => within(closures[d] as Closure, ids[d] ?? 0, id)))
        throw new AppError('FORM_SPREAD_HOLD_OUTSIDE', {
          params: { cell: `${c.row} × ${c.column}`, held: `${h.row} × ${h.column}` },
          issues: [{ path: `/cells/${c.index}/spread/hold/${j}`, code: 'hold_outside' }],
        });
      return Array.from(hids);
    });
    return { ...c, ids, hold, leaf: isLeafCell(closures, ids) };
  });
  const conflicts: CellConflict[] = [];
  for (const c of resolved) {
    if (c.base === undefined || c.base === null) continue;
    const theirs = c.leaf ? cube.leafValue(c.ids) : cube.read(Array.from(c.ids));
    if (!same(theirs, c.base))
      conflicts.push({ row: c.row, column: c.column, base: c.base, theirs, yours: c.value });
  }
  if (conflicts.length)
    throw new AppError('FORM_SAVE_CONFLICT', { params: { count: conflicts.length }, details: { conflicts } });

  const nd = cube.dimensions.length;
  const leaves = resolved.filter((c) => c.leaf);
  const flat = new Int32Array(leaves.length * nd);
  leaves.forEach((c, i) => flat.set(c.ids, i * nd));
  const direct = cube.applyBatch(
    flat,
    leaves.map((c) => c.value),
    leaves.length,
  );
  /** Change sets to check, with the request index of their cell (-1: the leaf batch, by coordinate). */
  const checks: { cs: ChangeSet; index: number }[] = [{ cs: direct, index: -1 }];

  const size = (ids: Int32Array) =>
    Array.from(ids).reduce((n, id, d) => n * (closures[d] as Closure).leafCountOf(id), 1);
  const totals = resolved.filter((c) => !c.leaf).sort((a, b) => size(a.ids) - size(b.ids));
  const held: Int32Array[] = leaves.map((c) => c.ids);
  const spread = new Set<ChangeSet>();
  for (const c of totals) {
    if (!same(cube.read(Array.from(c.ids)), c.value)) {
      const hold = held
        .filter((h) => h.every((id, d) => overlaps(closures[d] as Closure, c.ids[d] ?? 0, id)))
        .map((h) => Array.from(h))
        .concat(c.hold);
      const cs = spreadOne(cube, c, hold);
      spread.add(cs);
      checks.push({ cs, index: c.index });
    }
    held.push(c.ids);
  }

  if (!rights.admin) {
    const leafIndex = new Map(leaves.map((c) => [c.ids.join(':'), c.index]));
    for (const { cs, index } of checks) {
      for (let i = 0; i < cs.length; i++) {
        const ids = cs.coords.subarray(i * nd, i * nd + nd);
        if (cellLevel(rights, cube, ids) === 2) continue;
        const at = index >= 0 ? index : (leafIndex.get(ids.join(':')) ?? 0);
        throw new AppError('FORBIDDEN', { issues: [{ path: `/cells/${at}`, code: 'no_write_right' }] });
      }
    }
  }
  return { spread };
}

/** One engine spread, its "nothing left to move" refusal as the form's own error. */
function spreadOne(cube: Cube, c: FormCellWrite & { ids: Int32Array }, hold: number[][]): ChangeSet {
  try {
    return cube.spread(Array.from(c.ids), c.value, { hold, mode: c.spread?.mode ?? 'proportional' });
  } catch (e) {
    if (isEngineError(e) && e.code === 'ENGINE_SPREAD_NO_FREE_LEAF')
      throw new AppError('FORM_SPREAD_NO_FREE_LEAF', {
        params: { cell: `${c.row} × ${c.column}` },
        issues: [{ path: `/cells/${c.index}`, code: 'no_free_leaf' }],
        internal: e.message,
      });
    throw e;
  }
}
