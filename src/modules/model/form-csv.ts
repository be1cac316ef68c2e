import type { UserTable } from '../../platform/db/types.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { toCsv, type CsvValue } from '../../platform/csv/export.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { formDownloadNames, type FormDownloadNames } from './form-download.js';
import { openForm } from './form-grid.js';
import type { OpenFormResponse } from './form-schemas.js';
import { isRatio } from './form-xlsx-plan.js';
import { shownInUnit, unitLabel } from './number-format.js';

/**
 * A form or report as CSV (issue 18 point 7): the grid the user sees on screen (`openForm`: the
 * same rights masking, choices and report drill), in UTF-8 with BOM or Shift_JIS, CRLF.
 *
 *     単位：千円
 *     勘定科目コード,勘定科目,2027年4月,2027年5月,…
 *     OPERATING_PROFIT,営業利益,735,-100,…
 *
 * The unit row first, then a header (the row dimension's code column and name column, then the
 * column names), then one line per row: its element code, its name, its figures. Figures are
 * numbers as the screen shows them (in the form's unit and decimals, rounded as the form states),
 * with a minus sign and no thousands separators, so a spreadsheet reads them as numbers; a
 * variance % is a percentage with one decimal (its member's name says "(%)"); a cell the user
 * may not read is empty.
 */
const LABELS = {
  ja: { code: (dim: string) => `${dim}コード`, percent: (name: string) => `${name}（%）` },
  en: { code: (dim: string) => `${dim} code`, percent: (name: string) => `${name} (%)` },
} as const;

/** The CSV rows of an opened form (pure). */
export function formCsvRows(form: OpenFormResponse, lang: Locale): CsvValue[][] {
  const l = LABELS[lang];
  const dimName = (code: string) => form.dimensionNames[code]?.[lang] ?? code;
  const name = (m: OpenFormResponse['rows'][number]) =>
    m.computed?.kind === 'ratio' ? l.percent(m.name[lang]) : m.name[lang];
  const rowDim = dimName(form.rowDimension);
  const out: CsvValue[][] = [[unitLabel(form.format, lang)]];
  out.push([l.code(rowDim), rowDim, ...form.columns.map(name)]);
  form.rows.forEach((row, i) => {
    out.push([
      row.code,
      name(row),
      ...form.columns.map((col, j): CsvValue => {
        const v = form.values[i]?.[j] ?? null;
        if (v === null) return null;
        if (isRatio(row, col)) return Math.round(v * 1000) / 10;
        return shownInUnit(v, form.format);
      }),
    ]);
  });
  return out;
}

export interface FormCsv {
  bytes: Buffer;
  names: FormDownloadNames;
}

export async function exportFormCsv(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  lang: Locale,
  charset: CsvCharset,
  drill?: string,
): Promise<FormCsv> {
  const form = await openForm(ctx, user, id, choices, drill);
  const at = formatInZone(deps.clock().toISOString(), ctx.tenant.time_zone);
  return {
    bytes: toCsv(formCsvRows(form, lang), charset),
    names: formDownloadNames(form, lang, at, 'csv', drill),
  };
}
