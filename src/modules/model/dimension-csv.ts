import { isSingleLine } from '../../platform/text/single-line.js';
import { isEngineError, type Dimension } from '../../engine/index.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { toCsv } from '../../platform/csv/export.js';
import { parseCsvTable, type CsvColumn, type CsvTable } from '../../platform/csv/table.js';
import type { AppError } from '../../platform/errors/app-error.js';
import { translate, translateDynamic, type Locale } from '../../platform/i18n/index.js';
import { applyChange, elementName, linkWeight, type DimensionChange } from './dimension-ops.js';
import type { DimensionDryRun, DimensionImportRow } from './dimension-schemas.js';
import { toAppError } from './errors.js';

/** CSV of a dimension's elements and hierarchy: one row per (element, parent) link. */
export type Col = 'code' | 'nameJa' | 'nameEn' | 'parent' | 'weight';
export const COLUMNS: readonly CsvColumn<Col>[] = [
  { key: 'code', names: ['code', 'コード', '要素コード'], required: true },
  {
    key: 'nameJa',
    names: ['name_ja', 'name (ja)', '名前（日本語）', '名前(日本語)', '日本語名'],
    required: false,
  },
  { key: 'nameEn', names: ['name_en', 'name (en)', '名前（英語）', '名前(英語)', '英語名'], required: false },
  { key: 'parent', names: ['parent', '親', '親コード'], required: false },
  { key: 'weight', names: ['weight', 'ウェイト', '重み'], required: false },
];
export const HEADER = {
  ja: ['コード', '名前（日本語）', '名前（英語）', '親', 'ウェイト'],
  en: ['code', 'name_ja', 'name_en', 'parent', 'weight'],
} as const;
export const MAX_DIMENSION_ROWS = 50_000;
const CODE = /^[\p{L}\p{N}_.-]{1,64}$/u;

export interface ExportRow {
  code: string;
  nameJa: string;
  nameEn: string;
  parent: string;
  /** The link's weight; undefined for a top-level row. */
  weight: number | undefined;
}

/** The rows of a dimension, depth first from the top-level elements (an element under two parents appears twice). */
export function dimensionRows(dim: Dimension): ExportRow[] {
  const rows: ExportRow[] = [];
  const expanded = new Set<number>();
  const visit = (id: number, parent: number | undefined, weight: number) => {
    const n = elementName(dim, id);
    rows.push({
      code: dim.code(id),
      nameJa: n.ja,
      nameEn: n.en,
      parent: parent === undefined ? '' : dim.code(parent),
      weight: parent === undefined ? undefined : weight,
    });
    if (expanded.has(id)) return;
    expanded.add(id);
    for (const c of dim.children(id)) visit(c.id, id, c.weight);
  };
  for (const r of dim.roots()) visit(r, undefined, 1);
  return rows;
}

/** The CSV export: `dimensionRows` under a header in `lang`, UTF-8 with BOM or Shift_JIS. */
export function exportDimension(dim: Dimension, lang: Locale, charset: CsvCharset = 'utf8'): Buffer {
  const rows: string[][] = [[...HEADER[lang]]];
  for (const r of dimensionRows(dim))
    rows.push([r.code, r.nameJa, r.nameEn, r.parent, r.weight === undefined ? '' : String(r.weight)]);
  return toCsv(rows, charset);
}

/** A parsed import file (CSV or .xlsx) with the cells its reader could not read, by data row. */
export interface ImportTable {
  table: CsvTable<Col>;
  /** 1-based data row → problems found while reading the file (e.g. an .xlsx formula without value). */
  cellIssues?: ReadonlyMap<number, { column: Col; code: string; params: Record<string, string> }[]>;
}

/**
 * Reads CSV text; a cell our own export guarded against formula execution ('-1, '=x) reads
 * back without the apostrophe, so an exported file imports unchanged.
 */
export function parseDimensionCsv(text: string): ImportTable {
  const table = parseCsvTable(text, COLUMNS, MAX_DIMENSION_ROWS);
  for (const row of table.rows)
    for (const k of Object.keys(row) as Col[]) {
      const v = row[k];
      if (v !== undefined && /^'[=+\-@\t\r]/.test(v)) row[k] = v.slice(1);
    }
  return { table };
}

interface Wanted {
  row: number;
  parent: string;
  weight: number;
}

/**
 * Plans (and applies to `dim`) an import: new elements are added, names updated, and for
 * every element in the file its parents become exactly those the file gives it (links to
 * other parents are removed, weights updated). Elements not in the file are untouched.
 * Returns every row's outcome; nothing is applied for a row in error, so callers keep
 * `dim` only when no row is in error.
 */
export function planImport(dim: Dimension, file: ImportTable, locale: Locale): DimensionDryRun['rows'] {
  const { table } = file;
  const out: DimensionImportRow[] = [];
  const names = new Map<string, { ja: string; en: string; row: number }>();
  const wanted = new Map<string, Wanted[]>();
  const err = (
    r: DimensionImportRow,
    column: Col,
    code: string,
    params: Record<string, string | number> = {},
  ) => r.errors.push({ column, code, message: translateDynamic(locale, `fields.${code}`, params) });
  const fail = (r: DimensionImportRow, column: Col, e: AppError) =>
    r.errors.push({ column, code: e.code, message: translate(locale, `errors.${e.code}`, e.params) });

  for (const [i, cells] of table.rows.entries()) {
    const code = (cells.code ?? '').normalize('NFC').trim();
    const ja = (cells.nameJa ?? '').normalize('NFC').trim();
    const en = (cells.nameEn ?? '').normalize('NFC').trim();
    const parent = (cells.parent ?? '').normalize('NFC').trim();
    const w = (cells.weight ?? '').trim();
    const r: DimensionImportRow = {
      row: i + 1,
      code: code.slice(0, 64),
      nameJa: ja.slice(0, 100),
      nameEn: en.slice(0, 100),
      parent: parent.slice(0, 64),
      weight: w.slice(0, 30),
      outcome: 'unchanged',
      errors: [],
    };
    out.push(r);
    for (const x of file.cellIssues?.get(r.row) ?? []) err(r, x.column, x.code, x.params);
    const weight = w === '' ? 1 : Number(w.normalize('NFKC').replace(/[,，]/g, '').replace(/^−/, '-'));
    if (!code) err(r, 'code', 'required');
    else if (!CODE.test(code)) err(r, 'code', 'code_format');
    if (ja.length > 100) err(r, 'nameJa', 'too_long', { max: 100 });
    else if (!isSingleLine(ja)) err(r, 'nameJa', 'single_line');
    if (en.length > 100) err(r, 'nameEn', 'too_long', { max: 100 });
    else if (!isSingleLine(en)) err(r, 'nameEn', 'single_line');
    if (parent && !CODE.test(parent)) err(r, 'parent', 'code_format');
    if (parent && parent === code) err(r, 'parent', 'self_parent');
    if (!Number.isFinite(weight) || Math.abs(weight) > 1e12) err(r, 'weight', 'number');
    const first = names.get(code);
    if (first && ((ja && ja !== first.ja) || (en && en !== first.en)))
      err(r, 'nameJa', 'names_differ', { row: first.row });
    const list = wanted.get(code) ?? [];
    if (list.some((x) => x.parent === parent)) err(r, 'parent', 'duplicate_in_file');
    if (r.errors.length || !code) continue;
    if (!first) {
      if (!dim.has(code) && (!ja || !en)) {
        if (!ja) err(r, 'nameJa', 'required');
        if (!en) err(r, 'nameEn', 'required');
        continue;
      }
      names.set(code, { ja, en, row: r.row });
    }
    if (parent) list.push({ row: r.row, parent, weight });
    wanted.set(code, list);
  }
  const byRow = new Map(out.map((r) => [r.row, r]));
  const firstRow = (code: string) => byRow.get(names.get(code)?.row ?? -1);
  const attempt = (
    r: DimensionImportRow | undefined,
    column: Col,
    change: DimensionChange,
    outcome: 'new' | 'changed',
  ) => {
    if (!r || r.errors.length) return;
    try {
      applyChange(dim, change);
      if (r.outcome !== 'new') r.outcome = outcome;
    } catch (e) {
      if (!isEngineError(e)) throw e;
      fail(r, column, toAppError(e) as AppError);
    }
  };
  // 1. New elements and names.
  for (const [code, n] of names) {
    const r = firstRow(code);
    if (!dim.has(code)) attempt(r, 'code', { op: 'add', code, nameJa: n.ja, nameEn: n.en }, 'new');
    else {
      const cur = elementName(dim, dim.id(code));
      if ((n.ja && n.ja !== cur.ja) || (n.en && n.en !== cur.en))
        attempt(
          r,
          'nameJa',
          { op: 'rename', code, nameJa: n.ja || undefined, nameEn: n.en || undefined },
          'changed',
        );
    }
  }
  // 2. Links to parents the file no longer gives.
  for (const [code, list] of wanted) {
    if (!dim.has(code)) continue;
    for (const p of dim.parents(code).map((id) => dim.code(id)))
      if (!list.some((x) => x.parent === p))
        attempt(firstRow(code), 'parent', { op: 'unlink', parent: p, child: code }, 'changed');
  }
  // 3. New links and weights (cycles are refused here, per row).
  for (const [code, list] of wanted) {
    for (const x of list) {
      const r = byRow.get(x.row);
      if (!dim.has(x.parent)) {
        if (r && !r.errors.length) err(r, 'parent', 'unknown_element', { name: x.parent });
        continue;
      }
      if (!dim.has(code)) continue;
      const isLinked = dim.parents(code).includes(dim.id(x.parent));
      if (!isLinked)
        attempt(r, 'parent', { op: 'link', parent: x.parent, child: code, weight: x.weight }, 'changed');
      else if (linkWeight(dim, x.parent, code) !== x.weight)
        attempt(r, 'weight', { op: 'weight', parent: x.parent, child: code, weight: x.weight }, 'changed');
    }
  }
  for (const r of out) if (r.errors.length) r.outcome = 'error';
  return out;
}

export function summariseImport(rows: readonly DimensionImportRow[]): DimensionDryRun['summary'] {
  const count = (o: DimensionImportRow['outcome']) => rows.filter((r) => r.outcome === o).length;
  return {
    total: rows.length,
    new: count('new'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    error: count('error'),
  };
}
