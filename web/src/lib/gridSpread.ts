/**
 * How typed totals are spread when a form is saved (issue 18): the user's choice of mode
 * (`proportional`, `equal`) and the cells they locked, which keep their values. Pure functions:
 * a saved total carries its mode and the locked cells that lie under it (found through the open
 * response's `rollup` lists: a cell lies under a total when its row is the total's row or rolls up
 * into it, and the same for its column).
 */
import { cellKey, splitKey, type GridData } from './gridModel.js';

export type SpreadMode = 'proportional' | 'equal';
export const SPREAD_MODES: readonly SpreadMode[] = ['proportional', 'equal'];

/** Locked cells, by cell key (row code + column code). */
export type Locks = ReadonlySet<string>;

/** Whether member `inner` is member `outer` or consolidates into it (any weight). */
const within = (members: GridData['rows'], outer: number, inner: number) =>
  outer === inner || (members[inner]?.rollup ?? []).some((l) => l.index === outer);

/** The locked cells lying under the cell at row `r`, column `c` (the cell itself left out). */
export function locksUnder(
  data: GridData,
  locks: Locks,
  r: number,
  c: number,
): { row: string; column: string }[] {
  const rows = new Map(data.rows.map((m, i) => [m.code, i]));
  const cols = new Map(data.columns.map((m, i) => [m.code, i]));
  return [...locks].flatMap((key) => {
    const [row, column] = splitKey(key);
    const lr = rows.get(row);
    const lc = cols.get(column);
    if (lr === undefined || lc === undefined || (lr === r && lc === c)) return [];
    return within(data.rows, r, lr) && within(data.columns, c, lc) ? [{ row, column }] : [];
  });
}

export interface SaveCell {
  row: string;
  column: string;
  value: number;
  base: number;
}

/**
 * The save body's cells with each total's spread: the mode, and the locked cells under it.
 * Leaf cells go as they are.
 */
export function withSpread<T extends SaveCell>(
  data: GridData,
  cells: readonly T[],
  mode: SpreadMode,
  locks: Locks,
): (T & { spread?: { mode: SpreadMode; hold?: { row: string; column: string }[] } })[] {
  const rows = new Map(data.rows.map((m, i) => [m.code, i]));
  const cols = new Map(data.columns.map((m, i) => [m.code, i]));
  return cells.map((cell) => {
    const r = rows.get(cell.row);
    const c = cols.get(cell.column);
    if (r === undefined || c === undefined) return cell;
    if (data.rows[r]?.leaf && data.columns[c]?.leaf) return cell;
    const hold = locksUnder(data, locks, r, c);
    return { ...cell, spread: { mode, ...(hold.length ? { hold } : {}) } };
  });
}

/**
 * Locks or unlocks cells: when every one of them is locked they are unlocked, else all are
 * locked. Cells the user may not read (`null`) are left out.
 */
export function toggleLocks(
  data: GridData,
  locks: Locks,
  cells: readonly { r: number; c: number }[],
): Set<string> {
  const keys = cells.flatMap(({ r, c }) => {
    const row = data.rows[r];
    const column = data.columns[c];
    if (!row || !column || data.values[r]?.[c] === null) return [];
    return [cellKey(row.code, column.code)];
  });
  const next = new Set(locks);
  const unlock = keys.length > 0 && keys.every((k) => locks.has(k));
  for (const k of keys) {
    if (unlock) next.delete(k);
    else next.add(k);
  }
  return next;
}
