import { Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { decodeCsv } from '../../platform/csv/decode.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import {
  codeGuard,
  insertObject,
  listObjects,
  objectById,
  objectTarget,
  presentObject,
} from './catalogue.js';
import { parseDimensionCsv, planImport, summariseImport, type ImportTable } from './dimension-csv.js';
import { parseDimensionXlsx } from './dimension-xlsx.js';
import {
  applyChanges,
  elementName,
  elementSense,
  NAME_EN,
  NAME_JA,
  type DimensionChange,
} from './dimension-ops.js';
import type { CreateDimensionBody, DimensionDetail, DimensionDryRun } from './dimension-schemas.js';
import { translated } from './errors.js';
import { cubeStore } from './store.js';
import type { FormDefinition } from './definitions.js';
import { formDb } from './form-store.js';
import { modelDb, type ModelDb } from './tables.js';

/** At most this many changes are listed in one audit entry (the count is always there). */
const AUDIT_CHANGES = 200;

export function presentDimension(dim: Dimension) {
  const code = (id: number) => dim.code(id);
  return {
    roots: dim.roots().map(code),
    elements: dim.elements().map((id) => ({
      id,
      code: dim.code(id),
      name: elementName(dim, id),
      leaf: dim.isLeaf(id),
      sense: elementSense(dim, id),
      parents: dim.parents(id).map((p) => ({
        code: code(p),
        weight: dim.children(p).find((c) => c.id === id)?.weight ?? 1,
      })),
      children: dim.children(id).map((c) => ({ code: code(c.id), weight: c.weight })),
    })),
  };
}

export async function listDimensions(ctx: TenantContext) {
  const db = modelDb(ctx.db.kysely);
  const objects = await listObjects(db, { kind: 'dimension' });
  const counts = await db
    .selectFrom('cube_elements')
    .select(['dimension_id', db.fn.countAll<string | number>().as('n')])
    .groupBy('dimension_id')
    .execute();
  const byId = new Map(counts.map((c) => [c.dimension_id, Number(c.n)]));
  return objects.map((o) => ({
    object: presentObject(o, ctx.tenant.time_zone),
    elementCount: byId.get(o.id) ?? 0,
  }));
}

export async function getDimension(ctx: TenantContext, id: string): Promise<DimensionDetail> {
  const row = await objectById(modelDb(ctx.db.kysely), id, 'dimension');
  const dim = await translated(() => cubeStore.loadDimension(ctx.db, id));
  return { object: presentObject(row, ctx.tenant.time_zone), ...presentDimension(dim) };
}

/** Creates an empty dimension: its catalogue entry and its stored structure, in one transaction. */
export async function createDimension(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreateDimensionBody,
  actor: Actor,
  build?: (dim: Dimension) => void,
): Promise<string> {
  const id = newId();
  const dim = new Dimension(input.code.normalize('NFC'));
  await codeGuard(input.code, () =>
    translated(async () => {
      build?.(dim);
      await cubeStore.saveDimension(ctx.db, id, dim, async (trx) => {
        await insertObject({ db: trx }, deps, { ...input, kind: 'dimension', id }, actor);
      });
    }),
  );
  return id;
}

/**
 * Runs `edit` on the stored dimension and saves it with an audit entry, all or nothing.
 * Engine refusals (cycle, unknown element, duplicate code…) become ja/en `AppError`s.
 */
export async function changeDimension<T>(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
  edit: (dim: Dimension) => T,
  audit: (result: T) => { action: string; summary: Record<string, unknown> },
): Promise<T> {
  const row = await objectById(modelDb(ctx.db.kysely), id, 'dimension');
  const { result } = await translated(() =>
    cubeStore.editDimension(ctx.db, id, edit, async (trx, result) => {
      const now = deps.clock().toISOString();
      await modelDb(trx).updateTable('model_objects').set({ updated_at: now }).where('id', '=', id).execute();
      const a = audit(result);
      await appendAudit(
        { db: trx },
        actor,
        { kind: 'operation', action: a.action, target: objectTarget(row), summary: a.summary },
        deps.clock,
      );
    }),
  );
  return result;
}

export const editElements = (
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  changes: readonly DimensionChange[],
  actor: Actor,
) =>
  changeDimension(
    deps,
    ctx,
    id,
    actor,
    (dim) => applyChanges(dim, changes),
    () => ({
      action: 'model.dimension.edit',
      summary: { count: changes.length, changes: changes.slice(0, AUDIT_CHANGES) },
    }),
  );

/** Which reader an upload goes through; both share the row model, checks and error report. */
export type ImportFormat = 'csv' | 'xlsx';

async function readImportFile(
  file: Buffer,
  format: ImportFormat,
): Promise<{ parsed: ImportTable; encoding: string }> {
  if (format === 'xlsx') return { parsed: await parseDimensionXlsx(file), encoding: 'xlsx' };
  const { text, encoding } = decodeCsv(file);
  return { parsed: parseDimensionCsv(text), encoding };
}

export async function dryRunDimensionImport(
  ctx: TenantContext,
  id: string,
  file: Buffer,
  locale: Locale,
  format: ImportFormat = 'csv',
): Promise<DimensionDryRun> {
  await objectById(modelDb(ctx.db.kysely), id, 'dimension');
  const { parsed, encoding } = await readImportFile(file, format);
  const dim = await translated(() => cubeStore.loadDimension(ctx.db, id));
  const rows = planImport(dim, parsed, locale);
  return { encoding, rows, summary: summariseImport(rows) };
}

/** Applies a CSV or .xlsx file to a dimension: every row or none (`IMPORT_HAS_ERRORS` with per-row issues). */
export async function importDimension(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  file: Buffer,
  locale: Locale,
  actor: Actor,
  format: ImportFormat = 'csv',
) {
  await objectById(modelDb(ctx.db.kysely), id, 'dimension');
  const { parsed, encoding } = await readImportFile(file, format);
  const rows = await changeDimension(
    deps,
    ctx,
    id,
    actor,
    (dim) => {
      const planned = planImport(dim, parsed, locale);
      const bad = planned.filter((r) => r.outcome === 'error');
      if (bad.length)
        throw new AppError('IMPORT_HAS_ERRORS', {
          params: { count: bad.length },
          issues: bad.flatMap((r) =>
            r.errors.map((e) => ({ path: `row ${r.row} / ${e.column}`, code: e.code, message: e.message })),
          ),
        });
      return planned;
    },
    (planned) => ({ action: 'model.dimension.import', summary: { encoding, ...summariseImport(planned) } }),
  );
  return { summary: summariseImport(rows), dimension: await getDimension(ctx, id) };
}

/**
 * Checks run before an element is deleted, inside the deleting transaction: each throws an
 * `AppError` when something still refers to the element. Forms and portals add theirs here
 * (one line each).
 */
export type ElementReferenceCheck = (
  db: ModelDb,
  element: { dimensionId: string; code: string },
) => Promise<void>;

/** Element rights of groups (model_element_rights) naming the element. */
const elementRightsCheck: ElementReferenceCheck = async (db, { dimensionId, code }) => {
  const groups = await db
    .selectFrom('model_element_rights')
    .innerJoin('groups', 'groups.id', 'model_element_rights.group_id')
    .select('groups.name')
    .where('model_element_rights.dimension_id', '=', dimensionId)
    .where('model_element_rights.element_code', '=', code)
    .orderBy('groups.name')
    .execute();
  if (groups.length)
    throw new AppError('ELEMENT_HAS_RIGHTS', {
      params: { element: code, groups: groups.map((g) => g.name).join(', ') },
    });
};

/** Locked slices (cube_locks) on the element: a lock must not outlive its element. */
const lockCheck: ElementReferenceCheck = async (db, { dimensionId, code }) => {
  const dim = await db
    .selectFrom('cube_dimensions')
    .select('name')
    .where('id', '=', dimensionId)
    .executeTakeFirst();
  if (!dim) return;
  const locks = await db
    .selectFrom('cube_locks')
    .innerJoin('model_objects', 'model_objects.id', 'cube_locks.cube_id')
    .select('model_objects.code')
    .where('cube_locks.dimension', '=', dim.name)
    .where('cube_locks.element', '=', code)
    .orderBy('model_objects.code')
    .execute();
  if (locks.length)
    throw new AppError('ELEMENT_LOCKED', {
      params: { element: code, cubes: locks.map((l) => l.code).join(', ') },
    });
};

/** True when a form definition names the element on an axis, as a fixed element or choice, or as read-only. */
function formNames(def: FormDefinition, dimension: string, element: string): boolean {
  for (const axis of [def.rows, def.columns])
    if (axis.dimension === dimension && axis.members.some((m) => m.element === element)) return true;
  for (const f of def.fixed)
    if (
      f.dimension === dimension &&
      (f.element === element || (f.choices ?? []).some((c) => c.element === element))
    )
      return true;
  return (
    def.readOnly.includes(element) &&
    (def.rows.dimension === dimension || def.columns.dimension === dimension)
  );
}

/** Forms whose definition names the element (elements reached by children/leaves/descendants are not named). */
const formCheck: ElementReferenceCheck = async (db, { dimensionId, code }) => {
  const dim = await db
    .selectFrom('cube_dimensions')
    .select('name')
    .where('id', '=', dimensionId)
    .executeTakeFirst();
  if (!dim) return;
  const forms = await formDb(db)
    .selectFrom('model_forms')
    .innerJoin('model_objects', 'model_objects.id', 'model_forms.object_id')
    .select(['model_objects.code', 'model_forms.definition'])
    .orderBy('model_objects.code')
    .execute();
  const hits = forms.filter((f) => formNames(JSON.parse(f.definition) as FormDefinition, dim.name, code));
  if (hits.length)
    throw new AppError('ELEMENT_IN_FORMS', {
      params: { element: code, forms: hits.map((f) => f.code).join(', ') },
    });
};

export const ELEMENT_REFERENCE_CHECKS: ElementReferenceCheck[] = [elementRightsCheck, lockCheck, formCheck];

/**
 * Deletes an element (leaf or consolidated) in one transaction with its audit entry. Its
 * children stay (they keep their other parents or become top-level elements). Refused with
 * `ELEMENT_HAS_CELLS` (cubes and cell counts) when cubes hold figures or texts on it, unless
 * `deleteFigures` — then those cells go with it and the audit entry counts them — and with
 * `ELEMENT_HAS_RIGHTS` when group rights name it.
 */
export async function deleteElement(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  code: string,
  opts: { deleteFigures?: boolean },
  actor: Actor,
): Promise<void> {
  const row = await objectById(modelDb(ctx.db.kysely), id, 'dimension');
  await translated(() =>
    cubeStore.removeElement(ctx.db, id, code.normalize('NFC'), async (trx, removed) => {
      const db = modelDb(trx);
      const cubeCodes = new Map(
        removed.cells.length
          ? (
              await db
                .selectFrom('model_objects')
                .select(['id', 'code'])
                .where(
                  'id',
                  'in',
                  removed.cells.map((c) => c.cubeId),
                )
                .execute()
            ).map((o) => [o.id, o.code])
          : [],
      );
      const figures = removed.cells.map((c) => ({
        cube: cubeCodes.get(c.cubeId) ?? c.cubeId,
        cells: c.cells + c.texts,
      }));
      if (figures.length && !opts.deleteFigures)
        throw new AppError('ELEMENT_HAS_CELLS', {
          params: { element: removed.code, cubes: figures.map((f) => `${f.cube}: ${f.cells}`).join(', ') },
          issues: figures.map((f) => ({ path: f.cube, code: 'cells', message: String(f.cells) })),
        });
      for (const check of ELEMENT_REFERENCE_CHECKS) await check(db, { dimensionId: id, code: removed.code });
      const now = deps.clock().toISOString();
      await db.updateTable('model_objects').set({ updated_at: now }).where('id', '=', id).execute();
      await appendAudit(
        { db: trx },
        actor,
        {
          kind: 'operation',
          action: 'model.dimension.element.delete',
          target: objectTarget(row),
          summary: {
            code: removed.code,
            name: {
              ja: removed.attributes[NAME_JA] ?? removed.code,
              en: removed.attributes[NAME_EN] ?? removed.code,
            },
            parents: removed.parents,
            children: removed.children,
            figuresDeleted: figures,
          },
        },
        deps.clock,
      );
    }),
  );
}
