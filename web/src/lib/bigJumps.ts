/**
 * Figures that jump by 1,000× or more (issue 18): a 千円 form where someone typed yen, an IME
 * that repeated digits (`115,015,001,500`). Before saving, the grid asks once about such cells.
 * Pure: the edits against the values the grid loaded.
 */
import { positions, splitKey, type GridData } from './gridModel.js';

/** How many times the reference a figure must be to be asked about. */
export const JUMP_FACTOR = 1000;

export interface Jump {
  key: string;
  row: string;
  column: string;
  /** Yen: the cell's value as loaded, the value to save, and what it was compared with. */
  before: number;
  after: number;
  reference: number;
}

/**
 * Edits whose absolute value is at least `JUMP_FACTOR` × the reference: the larger of the cell's
 * previous value and the largest value (absolute) the grid loaded in its row. A cell with no
 * reference (all of its row still 0 or unreadable) is never asked about.
 */
export function bigJumps(data: GridData, edits: ReadonlyMap<string, number>): Jump[] {
  const at = positions(data);
  const rowMax = new Map<number, number>();
  const largest = (r: number) => {
    let m = rowMax.get(r);
    if (m === undefined) {
      m = 0;
      for (const v of data.values[r] ?? []) if (v !== null && Math.abs(v) > m) m = Math.abs(v);
      rowMax.set(r, m);
    }
    return m;
  };
  const out: Jump[] = [];
  for (const [key, after] of edits) {
    const p = at(key);
    if (!p) continue;
    const before = data.values[p[0]]?.[p[1]] ?? 0;
    const reference = Math.max(Math.abs(before), largest(p[0]));
    if (reference > 0 && Math.abs(after) >= JUMP_FACTOR * reference) {
      const [row, column] = splitKey(key);
      out.push({ key, row, column, before, after, reference });
    }
  }
  return out;
}
