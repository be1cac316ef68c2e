import type { Cube, Dimension } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';
import { cellLevel, type CubeRights } from '../model/rights.js';
import { parseAmount } from './amount.js';
import type { ImportTable } from './import-file.js';
import { normCode } from './import-definition.js';
import type { ImportCounts, ImportDefinition, PreviewResponse, PreviewRow } from './import-schemas.js';

/** Rows shown in a preview besides the rows in error; rows in error shown at most. */
const PREVIEW_FIRST = 100;
const PREVIEW_ERRORS = 500;

/** What an import would write: distinct leaf cells (ids `n × dims`) with the summed values. */
export interface ImportPlan {
  counts: ImportCounts;
  ids: Int32Array;
  values: Float64Array;
  /** The slice to clear first (replace), by dimension name → element ids. */
  clear: Record<string, number[]> | undefined;
  rows: PreviewRow[];
  problems: PreviewResponse['problems'];
}

type Resolved = number | { code: 'unknown_element' | 'consolidated_element'; element: string };

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '');

/** Index of a definition's column in the file's header (matched ignoring case, width and spaces). */
function columnIndex(headers: readonly string[], column: string): number {
  const want = norm(column);
  const i = headers.findIndex((h) => norm(h) === want);
  if (i < 0) throw new AppError('IMPORT_COLUMN_MISSING', { params: { column } });
  return i;
}

/** A file dimension: its column, and external code → element id (or why not), cached per text. */
function resolver(dim: Dimension, map: Readonly<Record<string, string>>) {
  const cache = new Map<string, Resolved>();
  return (raw: string): Resolved => {
    let r = cache.get(raw);
    if (r !== undefined) return r;
    const ext = normCode(raw);
    const code = map[ext] ?? ext;
    if (!dim.has(code)) r = { code: 'unknown_element', element: code };
    else if (!dim.isLeaf(code)) r = { code: 'consolidated_element', element: code };
    else r = dim.id(code);
    cache.set(raw, r);
    return r;
  };
}

/**
 * Maps, validates and sums the rows of an import file: per row the element of every file
 * dimension (through the code table, else the same code), a leaf, a number, a cell the user may
 * write; rows that land on the same cell are ADDED UP. Nothing here writes.
 */
export function planImport(
  cube: Cube,
  rights: CubeRights,
  def: ImportDefinition,
  table: ImportTable,
  locale: Locale,
): ImportPlan {
  const nd = cube.dimensions.length;
  const fileDims: number[] = [];
  const cols: number[] = [];
  const resolvers: ((raw: string) => Resolved)[] = [];
  const base = new Int32Array(nd);
  cube.dimensions.forEach((dim, d) => {
    const col = def.columns[dim.name];
    if (col !== undefined) {
      fileDims.push(d);
      cols.push(columnIndex(table.headers, col));
      resolvers.push(resolver(dim, def.maps[dim.name] ?? {}));
    } else base[d] = dim.id(def.fixed[dim.name] ?? '');
  });
  const valueCol = columnIndex(table.headers, def.value);
  const nf = fileDims.length;
  const sizes = cube.dimensions.map((d) => d.size);
  const numericKeys = sizes.reduce((p, s) => p * Math.max(1, s), 1) < 2 ** 52;
  const slot = new Map<number | string, number>();
  const firstLine: number[] = [];
  let ids = new Int32Array(Math.min(table.rows.length, 1 << 20) * nd);
  let values = new Float64Array(Math.min(table.rows.length, 1 << 20));
  let cells = 0;
  const counts: ImportCounts = {
    rows: table.rows.length,
    valid: 0,
    errors: 0,
    cells: 0,
    summed: 0,
    total: 0,
  };
  const rows: PreviewRow[] = [];
  const writable = new Map<number | string, boolean>();
  const seen = fileDims.map(() => new Set<number>());
  const cur = new Int32Array(nd);
  const msg = (code: string, params: Record<string, string>) =>
    translateDynamic(locale, `entry.rows.${code}`, params);

  for (let i = 0; i < table.rows.length; i++) {
    const cellsOfRow = table.rows[i] as string[];
    cur.set(base);
    let errors: PreviewRow['errors'] | undefined;
    const fail = (column: number, code: string, params: Record<string, string>) => {
      (errors ??= []).push({ column: table.headers[column] ?? '', code, message: msg(code, params) });
    };
    for (let f = 0; f < nf; f++) {
      const d = fileDims[f] as number;
      const dim = cube.dimensions[d] as Dimension;
      const raw = cellsOfRow[cols[f] as number] ?? '';
      if (raw.trim() === '') {
        fail(cols[f] as number, 'empty_code', { dimension: dim.name });
        continue;
      }
      const r = (resolvers[f] as (raw: string) => Resolved)(raw);
      if (typeof r === 'number') cur[d] = r;
      else fail(cols[f] as number, r.code, { element: r.element, dimension: dim.name });
    }
    // An unquoted 1,234 splits a figure into two columns: refuse rather than read "1".
    if (cellsOfRow.length > table.headers.length)
      fail(table.headers.length - 1, 'extra_columns', {
        found: String(cellsOfRow.length),
        expected: String(table.headers.length),
      });
    const rawValue = cellsOfRow[valueCol] ?? '';
    const value = parseAmount(rawValue);
    if (value === undefined) {
      if (rawValue.trim() === '') fail(valueCol, 'empty_value', {});
      else fail(valueCol, 'not_a_number', { value: rawValue.slice(0, 40) });
    }
    let key: number | string = 0;
    if (!errors) {
      if (numericKeys) {
        let k = 0;
        for (let d = 0; d < nd; d++) k = k * (sizes[d] as number) + (cur[d] as number);
        key = k;
      } else key = cur.join(':');
      if (!rights.admin) {
        let ok = writable.get(key);
        if (ok === undefined) {
          ok = cellLevel(rights, cube, cur) >= 2;
          writable.set(key, ok);
        }
        if (!ok) fail(valueCol, 'no_write_right', {});
      }
    }
    const line = table.lines[i] ?? i + 2;
    let summed = false;
    if (errors) counts.errors++;
    else {
      counts.valid++;
      counts.total += value as number;
      const at = slot.get(key);
      if (at !== undefined) {
        values[at] = (values[at] ?? 0) + (value as number);
        counts.summed++;
        summed = true;
      } else {
        if (cells === values.length) [ids, values] = grow(ids, values, nd);
        ids.set(cur, cells * nd);
        values[cells] = value as number;
        slot.set(key, cells);
        firstLine.push(line);
        cells++;
      }
      for (let f = 0; f < nf; f++) (seen[f] as Set<number>).add(cur[fileDims[f] as number] as number);
    }
    if (rows.length < PREVIEW_FIRST || (errors && counts.errors <= PREVIEW_ERRORS)) {
      const coords: Record<string, string> = {};
      cube.dimensions.forEach((dim, d) => {
        const f = fileDims.indexOf(d);
        if (f < 0) coords[dim.name] = dim.code(cur[d] as number);
        else {
          const raw = cellsOfRow[cols[f] as number] ?? '';
          const r = raw.trim() === '' ? undefined : (resolvers[f] as (r: string) => Resolved)(raw);
          coords[dim.name] = typeof r === 'number' ? dim.code(r) : normCode(raw);
        }
      });
      rows.push({ line, coords, value: value ?? null, summed, errors: errors ?? [] });
    }
  }
  counts.cells = cells;
  const clear = def.replace ? sliceOf(cube, def, fileDims, seen) : undefined;
  const problems = clear && !rights.admin ? clearProblems(cube, rights, clear, locale) : [];
  return { counts, ids: ids.slice(0, cells * nd), values: values.slice(0, cells), clear, rows, problems };
}

function grow(
  ids: Int32Array,
  values: Float64Array,
  nd: number,
): [Int32Array<ArrayBuffer>, Float64Array<ArrayBuffer>] {
  const n = Math.max(16, values.length * 2);
  const i2 = new Int32Array(n * nd);
  i2.set(ids);
  const v2 = new Float64Array(n);
  v2.set(values);
  return [i2, v2];
}

/** The slice a replacing import clears: fixed elements × the file's elements of `sliceDimensions`. */
function sliceOf(
  cube: Cube,
  def: ImportDefinition,
  fileDims: readonly number[],
  seen: readonly Set<number>[],
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const dim of cube.dimensions) {
    const fixed = def.fixed[dim.name];
    if (fixed !== undefined) out[dim.name] = [dim.id(fixed)];
  }
  for (const name of def.sliceDimensions) {
    const f = fileDims.indexOf(cube.dimIndex(name));
    if (f >= 0) out[name] = [...(seen[f] as Set<number>)];
  }
  return out;
}

/** A planner may replace a slice only if they may change every non-empty cell in it. */
function clearProblems(
  cube: Cube,
  rights: CubeRights,
  clear: Record<string, number[]>,
  locale: Locale,
): PreviewResponse['problems'] {
  const caps = cube.capacities();
  const tables = cube.dimensions.map((dim, d) => {
    const ids = clear[dim.name];
    if (!ids) return undefined;
    const t = new Float64Array(caps[d] ?? 0);
    for (const id of ids) t[id] = 1;
    return t;
  });
  let blocked = false;
  cube.visit(tables, (ids) => {
    if (!blocked && cellLevel(rights, cube, ids) < 2) blocked = true;
  });
  return blocked
    ? [{ code: 'clear_no_right', message: translateDynamic(locale, 'entry.rows.clear_no_right') }]
    : [];
}
