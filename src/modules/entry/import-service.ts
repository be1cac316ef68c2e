import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { objectTarget } from '../model/catalogue.js';
import { cubeFor } from '../model/cube-service.js';
import { translated } from '../model/errors.js';
import { cubeLevel } from '../model/rights.js';
import { cubeStore } from '../model/store.js';
import { modelDb } from '../model/tables.js';
import { recordHistory } from './history-record.js';
import { definitionIssues, storedDefinition } from './import-definition.js';
import { readImportFile, type ImportTable } from './import-file.js';
import { planImport, type ImportPlan } from './import-plan.js';
import type { ApplyResponse, InspectResponse, PreviewResponse } from './import-schemas.js';
import { entryDb } from './tables.js';

/** The header and first rows of a file, for the mapping editor. */
export async function inspectFile(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  bytes: Buffer,
): Promise<InspectResponse> {
  await cubeFor(ctx, user, cubeId);
  const t = await readImportFile(bytes);
  return {
    format: t.format,
    encoding: t.encoding,
    headers: t.headers,
    sample: t.rows.slice(0, 5),
    rows: t.rows.length,
  };
}

/** Reads the file and plans the import with the cube's saved definition (writes nothing). */
export async function planFor(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  bytes: Buffer,
  locale: Locale,
) {
  const { cube, rights, row } = await cubeFor(ctx, user, cubeId);
  if (cubeLevel(rights) < 2) throw new AppError('FORBIDDEN');
  const found = await storedDefinition(entryDb(ctx.db.kysely), cubeId);
  if (!found) throw new AppError('IMPORT_DEFINITION_MISSING');
  // The cube may have changed since the definition was saved (elements removed, made totals).
  const issues = definitionIssues(cube, found.definition, locale);
  if (issues.length) throw new AppError('IMPORT_DEFINITION_INVALID', { issues });
  const table = await readImportFile(bytes);
  const plan = planImport(cube, rights, found.definition, table, locale);
  // The rows are planned: let them go before the write (a million-row file holds millions of strings).
  table.rows.length = 0;
  table.lines.length = 0;
  return { table, plan, row, definition: found.definition };
}

export async function previewImport(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  bytes: Buffer,
  locale: Locale,
): Promise<PreviewResponse> {
  const { table, plan } = await planFor(ctx, user, cubeId, bytes, locale);
  return present(table, plan);
}

const present = (table: ImportTable, plan: ImportPlan): PreviewResponse => ({
  format: table.format,
  encoding: table.encoding,
  counts: plan.counts,
  rows: plan.rows,
  problems: plan.problems,
});

/**
 * Applies an import: all rows or none. Any row in error (or a problem of the whole import)
 * refuses it with `IMPORT_HAS_ERRORS`. The cells are ONE write through the cube store (with the
 * slice cleared first when the definition says replace), the cell history (path `import`) and
 * one audit entry with the counts in the same transaction.
 */
export async function applyImport(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  bytes: Buffer,
  locale: Locale,
  actor: Actor,
): Promise<ApplyResponse> {
  const { table, plan, row, definition } = await planFor(ctx, user, cubeId, bytes, locale);
  const bad = plan.counts.errors + plan.problems.length;
  if (bad > 0)
    throw new AppError('IMPORT_HAS_ERRORS', {
      params: { count: plan.counts.errors },
      issues: [
        ...plan.problems.map((p) => ({ path: 'file', code: p.code, message: p.message })),
        ...plan.rows
          .filter((r) => r.errors.length)
          .slice(0, 100)
          .flatMap((r) =>
            r.errors.map((e) => ({ path: `line ${r.line} / ${e.column}`, code: e.code, message: e.message })),
          ),
      ],
    });
  const result = await translated(() =>
    cubeStore.writeBatch(
      ctx.db,
      cubeId,
      { ids: plan.ids, values: plan.values, clear: plan.clear },
      async (trx, changes) => {
        const at = deps.clock();
        await recordHistory(trx, { cubeId, userId: user.id, source: 'import', at }, changes);
        await modelDb(trx)
          .updateTable('model_objects')
          .set({ updated_at: at.toISOString() })
          .where('id', '=', cubeId)
          .execute();
        await appendAudit(
          { db: trx },
          actor,
          {
            kind: 'operation',
            action: 'cube.actuals.import',
            target: objectTarget(row),
            summary: {
              format: table.format,
              encoding: table.encoding,
              ...plan.counts,
              replace: definition.replace,
              changed: changes.reduce((n, cs) => n + cs.length, 0),
            },
          },
          deps.clock,
        );
      },
    ),
  );
  return { counts: plan.counts, changed: result.changed };
}
