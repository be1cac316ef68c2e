import type { Cube, Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError, type FieldIssue } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { translateDynamic, type Locale } from '../../platform/i18n/index.js';
import { objectTarget } from '../model/catalogue.js';
import { cubeFor } from '../model/cube-service.js';
import { cubeLevel } from '../model/rights.js';
import type { DefinitionResponse, ImportDefinition } from './import-schemas.js';
import { entryDb, type EntryDb } from './tables.js';

/** Codes as users type them: NFKC (full-width letters and digits), trimmed. */
export const normCode = (s: string): string => s.normalize('NFKC').trim();

/** Checks a definition against the cube; every problem as a field issue with its ja/en message. */
export function definitionIssues(cube: Cube, def: ImportDefinition, locale: Locale): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const push = (path: string, code: string, name = '') =>
    issues.push({ path, code, message: translateDynamic(locale, `fields.${code}`, { name }) });
  const names = new Set(cube.dimensions.map((d) => d.name));
  const leaf = (dim: Dimension, code: string, path: string) => {
    if (!dim.has(code)) push(path, 'unknown_element', code);
    else if (!dim.isLeaf(code)) push(path, 'not_leaf', code);
  };
  for (const k of new Set([...Object.keys(def.columns), ...Object.keys(def.fixed), ...Object.keys(def.maps)]))
    if (!names.has(k)) push(`/${k}`, 'unknown_dimension');
  for (const dim of cube.dimensions) {
    const col = def.columns[dim.name];
    const fixed = def.fixed[dim.name];
    if (col === undefined && fixed === undefined) push(`/columns/${dim.name}`, 'no_mapping');
    if (col !== undefined && fixed !== undefined) push(`/columns/${dim.name}`, 'both_mapped');
    if (fixed !== undefined) leaf(dim, fixed, `/fixed/${dim.name}`);
    for (const [ext, code] of Object.entries(def.maps[dim.name] ?? {}))
      leaf(dim, code, `/maps/${dim.name}/${ext}`);
  }
  for (const d of def.sliceDimensions)
    if (def.columns[d] === undefined) push(`/sliceDimensions/${d}`, 'no_mapping');
  return issues;
}

export async function storedDefinition(db: EntryDb, cubeId: string) {
  const row = await db
    .selectFrom('import_definitions')
    .selectAll()
    .where('cube_id', '=', cubeId)
    .executeTakeFirst();
  return row
    ? { definition: JSON.parse(row.definition) as ImportDefinition, updatedAt: row.updated_at }
    : null;
}

export async function getDefinition(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
): Promise<DefinitionResponse> {
  await cubeFor(ctx, user, cubeId);
  const found = await storedDefinition(entryDb(ctx.db.kysely), cubeId);
  return {
    definition: found?.definition ?? null,
    updatedAt: found ? formatInZone(found.updatedAt, ctx.tenant.time_zone) : null,
  };
}

/** Saves the cube's import definition (needs write access to the cube), audited. */
export async function saveDefinition(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  def: ImportDefinition,
  actor: Actor,
  locale: Locale,
): Promise<DefinitionResponse> {
  const { cube, rights, row } = await cubeFor(ctx, user, cubeId);
  if (cubeLevel(rights) < 2) throw new AppError('FORBIDDEN');
  const issues = definitionIssues(cube, def, locale);
  if (issues.length) throw new AppError('IMPORT_DEFINITION_INVALID', { issues });
  const clean: ImportDefinition = {
    ...def,
    maps: Object.fromEntries(
      Object.entries(def.maps).map(([d, m]) => [
        d,
        Object.fromEntries(Object.entries(m).map(([k, v]) => [normCode(k), v])),
      ]),
    ),
  };
  const at = deps.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const db = entryDb(tx.db);
    const values = { definition: JSON.stringify(clean), updated_by: user.id, updated_at: at };
    await db
      .insertInto('import_definitions')
      .values({ cube_id: cubeId, ...values })
      .onConflict((oc) => oc.column('cube_id').doUpdateSet(values))
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'cube.actuals.definition',
        target: objectTarget(row),
        summary: {
          columns: clean.columns,
          fixed: clean.fixed,
          value: clean.value,
          mappedCodes: Object.fromEntries(
            Object.entries(clean.maps).map(([d, m]) => [d, Object.keys(m).length]),
          ),
          replace: clean.replace,
          sliceDimensions: clean.sliceDimensions,
        },
      },
      deps.clock,
    );
  });
  return { definition: clean, updatedAt: formatInZone(at, ctx.tenant.time_zone) };
}
