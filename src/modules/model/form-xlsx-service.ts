import type { Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { loadXlsx } from '../../platform/xlsx/read.js';
import { Previews } from '../previews.js';
import { openForm, saveFormCells } from './form-grid.js';
import { formFor } from './form-service.js';
import { readMeta } from './form-xlsx-meta.js';
import { planUpload, type XlsxPlan } from './form-xlsx-plan.js';
import type { FormXlsxPreview } from './form-xlsx-schemas.js';
import { modelDb } from './tables.js';

/**
 * Upload of an edited form workbook: preview (what would change, what is wrong, what someone
 * else changed since the download) and the all-or-nothing apply of a previewed file through the
 * form's own save (`saveFormCells`, history path `excel`, audit entry in the same transaction).
 */
interface Pending {
  tenantId: string;
  userId: string;
  formId: string;
  file: Buffer;
}

/** Previews waiting to be applied: 30 minutes, at most 100 files and 100 MiB together. */
const previews = new Previews<Pending>(30 * 60 * 1000, 100, 100 * 1024 * 1024);
/** Rows of each list in a preview (the counts give the totals). */
const LIST = 1000;

/** Reads the file, checks it is this form of this tenant, and plans it against the form as it is now. */
async function plan(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  file: Buffer,
  locale: Locale,
) {
  // The form first: someone who may not open it learns nothing about the file (404).
  await formFor(modelDb(ctx.db.kysely), user, id);
  const wb = await loadXlsx(file);
  const meta = readMeta(wb, deps.secret);
  if (meta.tenant !== ctx.tenant.slug || meta.formId !== id)
    throw new AppError('FORM_XLSX_OTHER_FORM', { params: { form: meta.formCode } });
  const ws =
    wb.getWorksheet(meta.sheet) ??
    wb.worksheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  if (!ws) throw new AppError('FORM_XLSX_NOT_FORM', { internal: 'no visible sheet' });
  const now = await openForm(ctx, user, id, meta.choices);
  return { meta, now, plan: planUpload(ws, meta, now, locale) };
}

const canApply = (p: XlsxPlan) => p.changes.length > 0 && p.errors.length === 0 && p.conflicts.length === 0;

export async function previewFormXlsx(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  file: Buffer,
  locale: Locale,
): Promise<FormXlsxPreview> {
  const { now, plan: p } = await plan(deps, ctx, user, id, file, locale);
  const token = canApply(p)
    ? previews.remember({ tenantId: ctx.tenant.id, userId: user.id, formId: id, file })
    : null;
  return {
    token,
    form: { id: now.form.id, code: now.form.code, name: now.form.name },
    fixed: now.fixed.map((f) => ({ dimension: f.dimension, element: f.element, name: f.name })),
    format: now.format,
    counts: {
      cells: p.cells,
      changed: p.changes.length,
      errors: p.errors.length,
      conflicts: p.conflicts.length,
    },
    changes: p.changes.slice(0, LIST).map(({ base: _base, ...c }) => c),
    errors: p.errors.slice(0, LIST),
    conflicts: p.conflicts.slice(0, LIST),
  };
}

/**
 * Applies a previewed upload (the token is used once, by the user who previewed it): the file is
 * planned again against the form as it is now, and written only if it still has no error and no
 * conflict — all cells in one save, or none.
 */
export async function applyFormXlsx(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  token: string,
  locale: Locale,
  actor: Actor,
): Promise<{ changed: number }> {
  await formFor(modelDb(ctx.db.kysely), user, id);
  const p = previews.take(
    token,
    (e) => e.tenantId === ctx.tenant.id && e.userId === user.id && e.formId === id,
  );
  if (!p) throw new AppError('FORM_XLSX_PREVIEW_EXPIRED');
  const { meta, plan: again } = await plan(deps, ctx, user, id, p.file, locale);
  if (!canApply(again))
    throw new AppError('FORM_XLSX_HAS_ERRORS', {
      params: { errors: again.errors.length, conflicts: again.conflicts.length },
      issues: [
        ...again.errors.map((e) => ({ path: e.cell, code: e.code, message: e.message })),
        ...again.conflicts.map((c) => ({ path: c.cell, code: 'xlsx_conflict' })),
      ].slice(0, 100),
    });
  return saveFormCells(
    deps,
    ctx,
    user,
    id,
    {
      choices: meta.choices,
      // With the downloaded value as base: a change by someone else in the meantime refuses all (409).
      cells: again.changes.map((c) => ({ row: c.row, column: c.column, value: c.new, base: c.base })),
    },
    locale,
    actor,
    'excel',
  );
}
