import type { FormMember, OpenForm } from '../../../api/model.js';
import type { Language } from '../../../i18n/index.js';
import { formatShown, shownInUnit } from '../../../../../src/modules/model/number-format.js';
import { varianceVerdict, type VarianceVerdict } from '../../../../../src/modules/model/variance-sense.js';

/**
 * How a report shows its cells and what its chart draws (pure): percentages for the cells of a
 * `ratio` member, amounts in the form's unit for the rest (variances with their sign), and the
 * chart's series — one per ticked row, across the amount columns.
 */
export const isRatio = (m: FormMember | undefined) => m?.computed?.kind === 'ratio';

const locale = (lang: Language) => (lang === 'ja' ? 'ja-JP' : 'en-US');

/**
 * One cell's text: `12.3%` / `+1,234` / `1,234`, amounts as the form states them (unit, rounding,
 * negatives `▲1,234` …, by `number-format.ts`); `—` for no value.
 */
export function formatReportCell(
  value: number | null,
  row: FormMember,
  column: FormMember,
  format: OpenForm['format'],
  lang: Language,
): string {
  if (value === null) return '—';
  if (isRatio(row) || isRatio(column))
    return new Intl.NumberFormat(locale(lang), {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
      signDisplay: 'exceptZero',
    }).format(value);
  const text = formatShown(value, format, lang);
  // A variance shows its sign: a positive one as `+1,234` (negatives carry the form's style).
  const variance = row.computed || column.computed;
  return variance && value > 0 && shownInUnit(value, format) !== 0 ? `+${text}` : text;
}

/**
 * How a variance cell reads (issue 18 point 3): a computed member's cell against the sense of
 * the given member it crosses — on costs (`down`) an underspend is favourable. `neutral` when
 * the variance shows as zero in the form's unit (or as 0.0 %); undefined for cells that are not
 * variances (and where two computed members cross).
 */
export function cellVerdict(
  value: number | null,
  row: FormMember,
  column: FormMember,
  format: OpenForm['format'],
) {
  if (Boolean(row.computed) === Boolean(column.computed)) return undefined;
  const given = row.computed ? column : row;
  if (value === null) return 'neutral';
  const shown = isRatio(row) || isRatio(column) ? Math.round(value * 1000) : shownInUnit(value, format);
  return shown === 0 ? 'neutral' : varianceVerdict(value, given.sense);
}
export type { VarianceVerdict };

/** The marker before a variance: ○ favourable, × unfavourable (▲ means a negative figure in Japan). */
export const VERDICT_MARKER: Record<VarianceVerdict, string> = {
  favourable: '○',
  unfavourable: '×',
  neutral: '',
};

/** Colours of the chart's series (Okabe–Ito: told apart with colour-vision deficiencies too). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
export const seriesColour = (i: number) => SERIES_COLOURS[i % SERIES_COLOURS.length] as string;

export interface ChartData {
  /** Column names (the x axis): every column but percentages. */
  labels: string[];
  series: { code: string; name: string; colour: string; values: (number | null)[] }[];
  /** Some columns were left out because they are percentages. */
  leftOut: boolean;
}

/** The ticked rows (in table order, percentages excepted) across the amount columns, in the form's unit. */
export function chartData(form: OpenForm, ticked: ReadonlySet<string>, lang: Language): ChartData {
  const cols = form.columns.flatMap((c, i) => (isRatio(c) ? [] : [i]));
  const series = form.rows
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => ticked.has(r.code) && !isRatio(r))
    .map(({ r, i }, n) => ({
      code: r.code,
      name: r.name[lang],
      colour: seriesColour(n),
      values: cols.map((c) => {
        const v = form.values[i]?.[c] ?? null;
        return v === null ? null : shownInUnit(v, form.format);
      }),
    }));
  return {
    labels: cols.map((c) => form.columns[c]?.name[lang] ?? ''),
    series,
    leftOut: cols.length < form.columns.length,
  };
}
