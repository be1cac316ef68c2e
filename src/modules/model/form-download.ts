import type { Dimension } from '../../engine/index.js';
import type { UserTable } from '../../platform/db/types.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { TenantContext } from '../../platform/server/context.js';
import { safeFileName } from '../../platform/server/download.js';
import { openForm } from './form-grid.js';
import type { OpenFormResponse } from './form-schemas.js';
import type { ChildrenOf } from './form-xlsx-formulas.js';
import { cubeStore } from './store.js';

/**
 * What the form and report downloads (.xlsx, CSV) share: the grid as the user sees it on screen
 * (`openForm`: the same rights masking, choices and report drill) with the hierarchies of its row
 * and column dimensions, and the file's name.
 */
export interface FormDownload {
  form: OpenFormResponse;
  rowChildren: ChildrenOf;
  columnChildren: ChildrenOf;
}

const childrenOf =
  (dim: Dimension | undefined): ChildrenOf =>
  (code) =>
    dim?.has(code) ? dim.children(code).map((c) => ({ code: dim.code(c.id), weight: c.weight })) : [];

export async function openFormDownload(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  choices: Record<string, string>,
  drill?: string,
): Promise<FormDownload> {
  const form = await openForm(ctx, user, id, choices, drill);
  // The cube as the store has it (cached); a hierarchy changed in between only costs formulas
  // (a total whose sources no longer add up to it keeps its value).
  const cube = await cubeStore.loadCube(ctx.db, form.cubeId);
  const dim = (code: string) => cube.dimensions.find((d) => d.name === code);
  return {
    form,
    rowChildren: childrenOf(dim(form.rowDimension)),
    columnChildren: childrenOf(dim(form.columnDimension)),
  };
}

export interface FormDownloadNames {
  /** `売上計画_営業部_予算_20270415.xlsx`: names in the language. */
  name: string;
  /** `SALES_PLAN_SALES_BUDGET_20270415.xlsx`: codes, for clients that cannot take the real name. */
  ascii: string;
}

/**
 * `<form name>_<choices>_<YYYYMMDD>.<ext>`: the form's name, the name of each fixed dimension's
 * element (and of the drilled row, for a drilled report), in `lang`, and the day of `at` (an ISO
 * time in the tenant's zone, JST by default).
 */
export function formDownloadNames(
  form: OpenFormResponse,
  lang: Locale,
  at: string,
  ext: 'xlsx' | 'csv',
  drill?: string,
): FormDownloadNames {
  const day = at.slice(0, 10).replace(/-/g, '');
  const drilled = drill === undefined ? undefined : form.rows.find((r) => r.code === drill);
  const part = (s: string) => safeFileName(s).replace(/_+/g, '_');
  const name = [
    form.form.name[lang],
    ...form.fixed.map((f) => f.name[lang]),
    ...(drilled ? [drilled.name[lang]] : []),
  ].map(part);
  const codes = [form.form.code, ...form.fixed.map((f) => f.element), ...(drilled ? [drilled.code] : [])].map(
    (c) => c.replace(/[^\w.-]/g, '_'),
  );
  return { name: `${[...name, day].join('_')}.${ext}`, ascii: `${[...codes, day].join('_')}.${ext}` };
}
