import type { OpenFormResponse } from './form-schemas.js';

/**
 * The formulas of a downloaded form's total and variance cells (issue 18 point 6), so a workbook
 * stays right offline: change a figure in Excel or LibreOffice and its totals follow. Pure.
 *
 * A total cell (its row or its column a consolidated element) becomes the weighted sum of the
 * cells of its children on the sheet — `SUM(B3:B5)` when every weight is +1, `B3+B4-B5` when
 * they are ±1, `SUMPRODUCT(B3:B7,{0.5;0;…})` otherwise. A child that is not on the sheet is
 * replaced by its own children (weights multiplied), so a form showing a total and only its
 * leaves still gets one. The row direction is tried first, then the column direction.
 * A report's variance cell becomes `of − base` (`C5-B5`) or `IF(B5=0,"",(C5-B5)/ABS(B5))`.
 *
 * No formula (the cell keeps its fixed value, as before) when a source cell is not on the sheet
 * or hidden from the user (a sum over what they may see would be another figure), when the sum
 * of the sources as downloaded is not the cell's own value (a cube rule, or the hierarchy
 * changed while the file was written), or when the formula would be too long.
 */

/** One dimension's hierarchy: an element's children with their link weights (empty for a leaf). */
export type ChildrenOf = (code: string) => readonly { code: string; weight: number }[];

/** Column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/** At most this many cells in one formula's range (Excel allows 8,192 characters a formula). */
const MAX_SPAN = 500;

interface Term {
  /** Index along the axis (row index for the row direction). */
  at: number;
  weight: number;
}

/**
 * The shown members (indices) that make up `code` along one axis, with effective weights;
 * undefined when some part of it is not on the sheet.
 */
function termsOf(
  code: string,
  childrenOf: ChildrenOf,
  shown: ReadonlyMap<string, number>,
): Term[] | undefined {
  const weights = new Map<number, number>();
  let ok = true;
  let visits = 0;
  const walk = (element: string, factor: number) => {
    for (const c of childrenOf(element)) {
      if (!ok) return;
      if (++visits > 10_000) {
        ok = false;
        return;
      }
      const at = shown.get(c.code);
      if (at !== undefined) weights.set(at, (weights.get(at) ?? 0) + factor * c.weight);
      else if (childrenOf(c.code).length > 0) walk(c.code, factor * c.weight);
      else ok = false;
    }
  };
  walk(code, 1);
  if (!ok || weights.size === 0) return undefined;
  return [...weights]
    .filter(([, w]) => w !== 0)
    .map(([at, weight]) => ({ at, weight }))
    .sort((a, b) => a.at - b.at);
}

/** A weight as formula text (`0.5`, `-2`, `1E-7`). */
const num = (w: number) => String(w).toUpperCase().replace('E+', 'E');

/** The formula (without `=`) over cells `ref(at)` along a vertical (`;`) or horizontal (`,`) axis. */
function sumFormula(
  terms: readonly Term[],
  ref: (at: number) => string,
  vertical: boolean,
): string | undefined {
  if (terms.length === 0) return '0';
  const first = terms[0]!.at;
  const last = terms[terms.length - 1]!.at;
  const unit = terms.every((t) => t.weight === 1 || t.weight === -1);
  const contiguous = last - first + 1 === terms.length;
  if (unit && terms.every((t) => t.weight === 1)) {
    if (contiguous) return terms.length === 1 ? ref(first) : `SUM(${ref(first)}:${ref(last)})`;
    // Runs of neighbours as ranges: SUM(B3:B5,B8,B10:B11).
    const runs: string[] = [];
    let start = first;
    terms.forEach((t, k) => {
      const next = terms[k + 1];
      if (next && next.at === t.at + 1) return;
      runs.push(start === t.at ? ref(start) : `${ref(start)}:${ref(t.at)}`);
      if (next) start = next.at;
    });
    return runs.length <= 255 ? `SUM(${runs.join(',')})` : undefined;
  }
  // Additions first, then subtractions, each in sheet order: D10-B10, B3+B4-B5.
  if (unit && terms.length <= 30)
    return [...terms.filter((t) => t.weight > 0), ...terms.filter((t) => t.weight < 0)]
      .map((t, k) => `${t.weight < 0 ? '-' : k === 0 ? '' : '+'}${ref(t.at)}`)
      .join('');
  if (last - first + 1 > MAX_SPAN) return undefined;
  const weights = new Map(terms.map((t) => [t.at, t.weight]));
  const constants: string[] = [];
  for (let at = first; at <= last; at++) constants.push(num(weights.get(at) ?? 0));
  return `SUMPRODUCT(${ref(first)}:${ref(last)},{${constants.join(vertical ? ';' : ',')}})`;
}

const close = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, scale);

/**
 * formulas[i][j]: the formula text of grid cell (i, j) (without `=`), or null for a cell that
 * keeps its value. `firstRow`/`firstColumn`: the sheet position of grid cell (0, 0), 1-based.
 */
export function gridFormulas(
  form: Pick<OpenFormResponse, 'rows' | 'columns' | 'values'>,
  rowChildren: ChildrenOf,
  columnChildren: ChildrenOf,
  firstRow: number,
  firstColumn: number,
): (string | null)[][] {
  const given = (members: OpenFormResponse['rows']) =>
    new Map(members.flatMap((m, i) => (m.computed ? [] : [[m.code, i] as const])));
  const rowAt = given(form.rows);
  const colAt = given(form.columns);
  const address = (i: number, j: number) => `${columnLetters(firstColumn + j)}${firstRow + i}`;
  const value = (i: number, j: number) => form.values[i]?.[j] ?? null;
  const rowTerms = new Map<number, Term[] | undefined>();
  const colTerms = new Map<number, Term[] | undefined>();
  const termsAt = (
    cache: Map<number, Term[] | undefined>,
    at: number,
    code: string,
    of: ChildrenOf,
    shown: ReadonlyMap<string, number>,
  ) => {
    if (!cache.has(at)) cache.set(at, termsOf(code, of, shown));
    return cache.get(at);
  };

  /** The weighted sum along one axis, if every source is readable and it gives the cell's value. */
  const total = (i: number, j: number, vertical: boolean): string | undefined => {
    const v = value(i, j);
    const terms = vertical
      ? termsAt(rowTerms, i, form.rows[i]!.code, rowChildren, rowAt)
      : termsAt(colTerms, j, form.columns[j]!.code, columnChildren, colAt);
    if (v === null || !terms) return undefined;
    let sum = 0;
    let size = Math.abs(v);
    for (const t of terms) {
      const s = vertical ? value(t.at, j) : value(i, t.at);
      if (s === null) return undefined;
      sum += t.weight * s;
      size = Math.max(size, Math.abs(t.weight * s));
    }
    if (!close(sum, v, size)) return undefined;
    return sumFormula(terms, (at) => (vertical ? address(at, j) : address(i, at)), vertical);
  };

  /** A variance cell from its two sources on the same line. */
  const variance = (i: number, j: number): string | undefined => {
    const row = form.rows[i]!;
    const column = form.columns[j]!;
    if (row.computed && column.computed) return undefined;
    const c = (row.computed ?? column.computed)!;
    const at = (code: string) => (row.computed ? rowAt.get(code) : colAt.get(code));
    const pos = (k: number) => (row.computed ? address(k, j) : address(i, k));
    const val = (k: number) => (row.computed ? value(k, j) : value(i, k));
    const ofAt = at(c.of);
    const baseAt = at(c.base);
    const v = value(i, j);
    if (ofAt === undefined || baseAt === undefined || v === null) return undefined;
    const of = val(ofAt);
    const base = val(baseAt);
    if (of === null || base === null) return undefined;
    const [o, b] = [pos(ofAt), pos(baseAt)];
    if (c.kind === 'difference')
      return close(of - base, v, Math.max(Math.abs(of), Math.abs(base))) ? `${o}-${b}` : undefined;
    return base !== 0 && close((of - base) / Math.abs(base), v, 1)
      ? `IF(${b}=0,"",(${o}-${b})/ABS(${b}))`
      : undefined;
  };

  return form.rows.map((row, i) =>
    form.columns.map((column, j) => {
      if (row.computed || column.computed) return variance(i, j) ?? null;
      if (row.leaf && column.leaf) return null;
      return (
        (!row.leaf ? total(i, j, true) : undefined) ?? (!column.leaf ? total(i, j, false) : undefined) ?? null
      );
    }),
  );
}
