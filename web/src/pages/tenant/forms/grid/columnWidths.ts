/**
 * Column widths of the input grid (issue 18): every figure column as wide as its longest text
 * (the formatted figures and its header), the row-header column as wide as its longest name with
 * its indentation, so no figure is cut ("115,015,001,500" shows whole). Pure: the text measure is
 * passed in (canvas `measureText` in the browser, character count × digit width elsewhere).
 */
export type Measure = (text: string) => number;

export interface WidthRules {
  /** Space around a figure: the cell's padding, its border and room for a marker (lock, comment). */
  padding: number;
  /** The narrowest figure column. */
  min: number;
  /** Widths grow in steps (fewer column rebuilds while figures change). */
  step: number;
}

export const FIGURE_RULES: WidthRules = { padding: 24, min: 64, step: 4 };

/** `widest` plus the padding, at least `min`, rounded up to a step. */
function fit(widest: number, rules: WidthRules): number {
  const w = Math.max(rules.min, Math.ceil(widest + rules.padding));
  return Math.ceil(w / rules.step) * rules.step;
}

/** Widest of `texts` under `measure`, plus the padding, at least `min`, rounded up to a step. */
export function fitWidth(texts: Iterable<string>, measure: Measure, rules: WidthRules): number {
  let widest = 0;
  for (const t of texts) widest = Math.max(widest, measure(t));
  return fit(widest, rules);
}

export interface RowHead {
  text: string;
  depth: number;
}

export const ROW_HEAD_RULES: WidthRules = { padding: 16, min: 160, step: 4 };

/** Row headers: name + indentation (1.25 em a level) + the ▸/▾ toggle (1.4 em), at most `max`. */
export function rowHeadWidth(
  heads: readonly RowHead[],
  corner: string,
  measure: Measure,
  em: number,
  max: number,
): number {
  let widest = measure(corner);
  for (const h of heads) widest = Math.max(widest, measure(h.text) + (h.depth * 1.25 + 1.4) * em + 4);
  return Math.min(max, fit(widest, ROW_HEAD_RULES));
}

/**
 * Where a column header may wrap: at spaces and between 年 and the month ("2027年 / 10月",
 * "Apr / 2027"); never inside "2027年度" or a word.
 */
export function headerPieces(text: string): string[] {
  return text.split(/\s+|(?<=年)(?=\d)/u).filter(Boolean);
}

/** Widths of the figure columns: `texts[c]` are the header and every figure of column `c`. */
export function figureWidths(texts: readonly (readonly string[])[], measure: Measure): number[] {
  return texts.map((column) => fitWidth(column, measure, FIGURE_RULES));
}

/** Characters wider than a digit: full-width forms and CJK count as two digits. */
const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** A measure without a canvas: character count × digit width (wide characters twice). */
export function charMeasure(digit: number): Measure {
  return (text) => {
    let n = 0;
    for (const ch of text) n += wide.test(ch) ? 2 : 1;
    return n * digit;
  };
}

/**
 * The browser's measure for `font` (a CSS font shorthand), with the texts measured remembered;
 * a canvas-less environment falls back to `charMeasure`.
 */
export function canvasMeasure(font: string, digit = 9): Measure {
  const ctx = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!ctx) return charMeasure(digit);
  ctx.font = font;
  const known = new Map<string, number>();
  return (text) => {
    let w = known.get(text);
    if (w === undefined) {
      w = ctx.measureText(text).width;
      known.set(text, w);
    }
    return w;
  };
}
