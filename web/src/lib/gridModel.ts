/**
 * The input grid's state without the screen (issue 7): figures as loaded, the user's unsaved
 * edits (yen, keyed by row and column code so they survive a reload), totals recomputed from the
 * `rollup` lists of the open response, and undo/redo of edit batches. Pure functions only.
 */
export interface RollupLink {
  index: number;
  weight: number;
}
export interface GridMember {
  code: string;
  leaf: boolean;
  rollup: RollupLink[];
}
export interface GridData {
  rows: GridMember[];
  columns: GridMember[];
  /** Yen as loaded; `null` = a cell the user may not read. */
  values: (number | null)[][];
  input: boolean[][];
}

/** Row code + column code of a cell. */
export const cellKey = (row: string, column: string) => `${row}\u0000${column}`;
export const splitKey = (key: string): [string, string] => {
  const [row = '', column = ''] = key.split('\u0000');
  return [row, column];
};

/** Unsaved edits: cell key → the yen value typed. */
export type Edits = ReadonlyMap<string, number>;

/** One change of a batch: a cell's edit before and after (`undefined` = not edited). */
export interface Change {
  key: string;
  before: number | undefined;
  after: number | undefined;
}
export type Batch = Change[];

const round = (n: number) => Math.round(n * 1e6) / 1e6;

/** Index of row and column codes (for keys → positions). */
export function positions(data: GridData) {
  const row = new Map(data.rows.map((m, i) => [m.code, i]));
  const column = new Map(data.columns.map((m, i) => [m.code, i]));
  return (key: string): [number, number] | undefined => {
    const [r, c] = splitKey(key);
    const ri = row.get(r);
    const ci = column.get(c);
    return ri === undefined || ci === undefined ? undefined : [ri, ci];
  };
}

/**
 * What the grid shows: an edited cell shows what was typed; every other readable cell its loaded
 * value plus the deltas of the edits it consolidates (Δ · w(row) · w(column)).
 */
export function displayed(data: GridData, edits: Edits): (number | null)[][] {
  const at = positions(data);
  const width = data.columns.length;
  const delta = new Float64Array(data.rows.length * width);
  const edited = new Set<number>();
  for (const [key, value] of edits) {
    const p = at(key);
    if (!p) continue;
    const [r, c] = p;
    edited.add(r * width + c);
    const d = value - (data.values[r]?.[c] ?? 0);
    if (d === 0) continue;
    const rs = [{ index: r, weight: 1 }, ...(data.rows[r]?.rollup ?? [])];
    const cs = [{ index: c, weight: 1 }, ...(data.columns[c]?.rollup ?? [])];
    for (const rr of rs)
      for (const cc of cs) {
        if (rr.index === r && cc.index === c) continue;
        const i = rr.index * width + cc.index;
        delta[i] = (delta[i] ?? 0) + d * rr.weight * cc.weight;
      }
  }
  return data.values.map((line, r) =>
    line.map((v, c) => {
      if (v === null) return null;
      const i = r * width + c;
      if (edited.has(i)) return edits.get(cellKey(data.rows[r]!.code, data.columns[c]!.code)) ?? v;
      return round(v + delta[i]!);
    }),
  );
}

/**
 * Applies new values (key → yen) as one batch: a value equal to the loaded one drops the edit.
 * Returns the new edits and the batch (empty when nothing changed), for undo.
 */
export function applyValues(
  data: GridData,
  edits: Edits,
  values: ReadonlyMap<string, number>,
): { edits: Map<string, number>; batch: Batch } {
  const at = positions(data);
  const next = new Map(edits);
  const batch: Batch = [];
  for (const [key, value] of values) {
    const p = at(key);
    if (!p) continue;
    const loaded = data.values[p[0]]?.[p[1]] ?? 0;
    const after = round(value) === loaded ? undefined : round(value);
    const before = next.get(key);
    if (before === after) continue;
    if (after === undefined) next.delete(key);
    else next.set(key, after);
    batch.push({ key, before, after });
  }
  return { edits: next, batch };
}

/** Puts a batch back (undo: `before`) or again (redo: `after`). */
export function replay(edits: Edits, batch: Batch, which: 'before' | 'after'): Map<string, number> {
  const next = new Map(edits);
  const list = which === 'before' ? [...batch].reverse() : batch;
  for (const ch of list) {
    const v = ch[which];
    if (v === undefined) next.delete(ch.key);
    else next.set(ch.key, v);
  }
  return next;
}

/** Undo and redo stacks of edit batches. */
export interface UndoState {
  edits: Map<string, number>;
  undo: Batch[];
  redo: Batch[];
}
export const emptyUndo = (): UndoState => ({ edits: new Map(), undo: [], redo: [] });

export function record(state: UndoState, edits: Map<string, number>, batch: Batch): UndoState {
  if (batch.length === 0) return state;
  return { edits, undo: [...state.undo, batch], redo: [] };
}
export function undo(state: UndoState): UndoState {
  const batch = state.undo.at(-1);
  if (!batch) return state;
  return {
    edits: replay(state.edits, batch, 'before'),
    undo: state.undo.slice(0, -1),
    redo: [...state.redo, batch],
  };
}
export function redo(state: UndoState): UndoState {
  const batch = state.redo.at(-1);
  if (!batch) return state;
  return {
    edits: replay(state.edits, batch, 'after'),
    undo: [...state.undo, batch],
    redo: state.redo.slice(0, -1),
  };
}

/** The body cells of a save: each edit with the value the grid loaded (`base`, 0 for empty). */
export function saveCells(
  data: GridData,
  edits: Edits,
  bases: ReadonlyMap<string, number> = new Map(),
): { row: string; column: string; value: number; base: number }[] {
  const at = positions(data);
  return [...edits].flatMap(([key, value]) => {
    const p = at(key);
    if (!p) return [];
    const [row, column] = splitKey(key);
    return [{ row, column, value, base: bases.get(key) ?? data.values[p[0]]?.[p[1]] ?? 0 }];
  });
}

/** A grid row: its depth, and (from the server) the shown rows that consolidate it. */
type GridRow = { depth: number; rollup?: readonly { index: number }[] };

/**
 * Row `j` is a detail of row `i`: deeper and, when the server says, consolidated into it. A
 * detail before its total (statement order) is known by its rollup only.
 */
const under = (rows: readonly GridRow[], j: number, i: number) => {
  const d = rows[j];
  if (d === undefined || d.depth <= (rows[i]?.depth ?? Infinity)) return false;
  return d.rollup === undefined ? j > i : d.rollup.some((l) => l.index === i);
};

/**
 * Rows left after collapsing: the details of a collapsed row go — the deeper rows after it when
 * totals stand above their details, before it when they stand below (statement order), until the
 * next row at its depth or above.
 */
export function visibleRows(rows: readonly GridRow[], collapsed: ReadonlySet<number>): number[] {
  const hidden = new Set<number>();
  for (const i of collapsed) {
    const depth = rows[i]?.depth ?? 0;
    const step = under(rows, i + 1, i) ? 1 : under(rows, i - 1, i) ? -1 : 0;
    for (let j = i + step; step !== 0 && (rows[j]?.depth ?? -1) > depth; j += step) hidden.add(j);
  }
  return rows.flatMap((_, i) => (hidden.has(i) ? [] : [i]));
}

/** Whether a row has shown details next to it (after it, or before it in statement order), i.e. can be collapsed. */
export const hasChildren = (rows: readonly GridRow[], i: number) =>
  under(rows, i + 1, i) || under(rows, i - 1, i);

/** Texts typed or pasted into cells, sorted into values to enter and cells refused (not input / not a number). */
export function interpret(
  cells: readonly { r: number; c: number; text: string }[],
  isInput: (r: number, c: number) => boolean,
  parse: (text: string) => number | null | undefined,
): {
  values: { r: number; c: number; value: number }[];
  refused: { r: number; c: number }[];
  invalid: { r: number; c: number; text: string }[];
} {
  const values: { r: number; c: number; value: number }[] = [];
  const refused: { r: number; c: number }[] = [];
  const invalid: { r: number; c: number; text: string }[] = [];
  for (const cell of cells) {
    if (!isInput(cell.r, cell.c)) {
      refused.push({ r: cell.r, c: cell.c });
      continue;
    }
    const n = parse(cell.text);
    if (n === undefined) invalid.push(cell);
    else values.push({ r: cell.r, c: cell.c, value: n ?? 0 });
  }
  return { values, refused, invalid };
}
