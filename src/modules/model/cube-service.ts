import { checkCellBudget, oneAtATime } from '../../platform/server/bounded-work.js';
import type { Cube, Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import {
  codeGuard,
  effective,
  insertObject,
  listObjects,
  objectById,
  objectTarget,
  presentObject,
} from './catalogue.js';
import type { CatalogueRow } from './catalogue.js';
import type { CellsBody, Coords, CreateCubeBody, CubeView, GridBody, GridResponse } from './cube-schemas.js';
import { translated } from './errors.js';
import { cubeStore } from './store.js';
import { cellLevel, cubeLevel, cubeRights, type CubeRights } from './rights.js';
import { modelDb, type ModelDb } from './tables.js';
import type { Transaction } from 'kysely';
import type { TenantDB, UserTable } from '../../platform/db/types.js';
import { recordHistory } from '../entry/history-record.js';
import type { CellSource } from '../entry/tables.js';

/** At most this many cells are listed in one audit entry (the count is always there). */
export const AUDIT_CELLS = 100;

async function present(db: ModelDb, row: CatalogueRow, timeZone: string): Promise<CubeView> {
  const ids = await dimensionIdsOf(db, row.id);
  const dims = await Promise.all(ids.map((id) => objectById(db, id, 'dimension')));
  const size = await db
    .selectFrom('cube_cells')
    .select(db.fn.countAll<string | number>().as('n'))
    .where('cube_id', '=', row.id)
    .executeTakeFirst();
  const object = presentObject(row, timeZone);
  return {
    object,
    dimensions: dims.map((d) => {
      const e = effective(d);
      return { id: d.id, code: d.code, name: { ja: e.nameJa, en: e.nameEn } };
    }),
    size: Number(size?.n ?? 0),
    lastChange: formatInZone(row.updated_at, timeZone),
  };
}

/** A cube's dimension ids, in its dimension order (none for an unknown cube). */
export const dimensionIdsOf = async (db: ModelDb, cubeId: string): Promise<string[]> => {
  const row = await db
    .selectFrom('cubes')
    .select('dimension_ids')
    .where('id', '=', cubeId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.dimension_ids) as string[]) : [];
};

/**
 * The cube, its catalogue row and the user's rights on it. A cube the user may not read is
 * `MODEL_OBJECT_NOT_FOUND` (its existence is not revealed).
 */
export async function cubeFor(ctx: TenantContext, user: UserTable, id: string) {
  const db = modelDb(ctx.db.kysely);
  const row = await objectById(db, id, 'cube');
  const cube = await translated(() => cubeStore.loadCube(ctx.db, id));
  const rights = await cubeRights(db, user, id, cube, await dimensionIdsOf(db, id));
  if (cubeLevel(rights) === 0) throw new AppError('MODEL_OBJECT_NOT_FOUND');
  return { db, row, cube, rights };
}

/** Cubes the user may read (all for org admins). */
export async function listCubes(ctx: TenantContext, user: UserTable): Promise<CubeView[]> {
  const db = modelDb(ctx.db.kysely);
  const rows = await listObjects(db, { kind: 'cube' });
  const out: CubeView[] = [];
  for (const r of rows) {
    if (!user.is_org_admin) {
      const cube = await translated(() => cubeStore.loadCube(ctx.db, r.id));
      const rights = await cubeRights(db, user, r.id, cube, await dimensionIdsOf(db, r.id));
      if (cubeLevel(rights) === 0) continue;
    }
    out.push(await present(db, r, ctx.tenant.time_zone));
  }
  return out;
}

export async function getCube(ctx: TenantContext, user: UserTable, id: string): Promise<CubeView> {
  const { db, row } = await cubeFor(ctx, user, id);
  return present(db, row, ctx.tenant.time_zone);
}

/** Creates an empty cube over chosen dimensions (catalogue entry + store row, one transaction). */
export async function createCube(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreateCubeBody,
  actor: Actor,
): Promise<string> {
  const db = modelDb(ctx.db.kysely);
  const issues: { path: string; code: string }[] = [];
  for (const [i, d] of input.dimensionIds.entries()) {
    const found = await db
      .selectFrom('model_objects')
      .select('id')
      .where('id', '=', d)
      .where('kind', '=', 'dimension')
      .executeTakeFirst();
    if (!found) issues.push({ path: `/dimensionIds/${i}`, code: 'unknown_dimension' });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const id = newId();
  const { dimensionIds, ...object } = input;
  await codeGuard(input.code, () =>
    translated(() =>
      cubeStore.createCube(ctx.db, { id, name: input.code, dimensionIds }, async (trx) => {
        await insertObject({ db: trx }, deps, { ...object, kind: 'cube', id }, actor);
      }),
    ),
  );
  return id;
}

/** Element codes in the cube's dimension order, from a `{ dimension: element }` address. */
export function coordsOf(cube: Cube, coords: Coords): string[] {
  const names = cube.dimensions.map((d) => d.name);
  const extra = Object.keys(coords).find((k) => !names.includes(k));
  if (extra !== undefined) throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: extra } });
  return names.map((n) => {
    const e = coords[n];
    if (e === undefined) throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: n } });
    return e;
  });
}

/** A grid: row elements × column elements with every other dimension fixed (leaf or consolidated). */
export async function readGrid(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  q: GridBody,
): Promise<GridResponse> {
  checkCellBudget(q.rows.elements.length * q.columns.elements.length, ctx.maxCells);
  return oneAtATime(`${ctx.tenant.id}:${user.id}`, () => readGridNow(ctx, user, id, q));
}

/** Rows of a grid read between two yields of the event loop (~20,000 cells at 40 columns). */
const YIELD_ROWS = 500;

async function readGridNow(
  ctx: TenantContext,
  user: UserTable,
  id: string,
  q: GridBody,
): Promise<GridResponse> {
  const { cube, rights } = await cubeFor(ctx, user, id);
  return translated(async () => {
    const grid = cube.readGrid(q);
    const ids = cube.resolve(cube.dimensions.map((d) => q.fixed[d.name] ?? d.elements()[0] ?? 0));
    const rd = cube.dimIndex(q.rows.dimension);
    const cd = cube.dimIndex(q.columns.dimension);
    const rowIds = q.rows.elements.map((e) => (cube.dimensions[rd] as Dimension).id(e));
    const colIds = q.columns.elements.map((e) => (cube.dimensions[cd] as Dimension).id(e));
    const values: (number | null)[][] = [];
    for (let r = 0; r < grid.rows; r++) {
      // Other requests get the event loop between slices of a large grid (issue 21 point 1).
      if (r % YIELD_ROWS === YIELD_ROWS - 1) await new Promise((done) => setImmediate(done));
      const line: (number | null)[] = [];
      for (let c = 0; c < grid.columns; c++) {
        ids[rd] = rowIds[r] ?? 0;
        ids[cd] = colIds[c] ?? 0;
        line.push(cellLevel(rights, cube, ids) > 0 ? (grid.values[r * grid.columns + c] ?? 0) : null);
      }
      values.push(line);
    }
    return { rows: [...q.rows.elements], columns: [...q.columns.elements], values };
  });
}

/**
 * Writes leaf cells, all or none, with one audit entry and the cell history (old/new value per
 * changed cell, user, time, `source` = the path the write came by) in the same transaction.
 */
export async function writeCells(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  id: string,
  body: CellsBody,
  actor: Actor,
  source: CellSource = 'grid',
): Promise<{ changed: number }> {
  const { row, cube, rights } = await cubeFor(ctx, user, id);
  return translated(async () => {
    const cells = body.cells.map((c) => ({ coords: coordsOf(cube, c.coords), value: c.value }));
    mayWrite(rights, cube, cells);
    const result = await cubeStore.writeCells(ctx.db, id, cells, async (trx, changes) => {
      await recordHistory(trx, { cubeId: id, userId: user.id, source, at: deps.clock() }, changes);
      await cubeWritten(trx, deps, row, actor, {
        count: cells.length,
        source,
        cells: body.cells.slice(0, AUDIT_CELLS),
      });
    });
    return { changed: result.changed };
  });
}

/**
 * What every cell write of a user adds to its transaction besides the history: the cube's
 * last-change time and one `model.cube.write` audit entry (`summary` says what and how many).
 */
export async function cubeWritten(
  trx: Transaction<TenantDB>,
  deps: AppDeps,
  cube: CatalogueRow,
  actor: Actor,
  summary: Record<string, unknown>,
): Promise<void> {
  await modelDb(trx)
    .updateTable('model_objects')
    .set({ updated_at: deps.clock().toISOString() })
    .where('id', '=', cube.id)
    .execute();
  await appendAudit(
    { db: trx },
    actor,
    { kind: 'operation', action: 'model.cube.write', target: objectTarget(cube), summary },
    deps.clock,
  );
}

/** Every cell of a batch must be writable, or the whole batch is refused (403, nothing written). */
function mayWrite(rights: CubeRights, cube: Cube, cells: readonly { coords: string[] }[]): void {
  if (rights.admin) return;
  for (const [i, c] of cells.entries()) {
    if (cellLevel(rights, cube, cube.resolve(c.coords)) < 2)
      throw new AppError('FORBIDDEN', { issues: [{ path: `/cells/${i}`, code: 'no_write_right' }] });
  }
}
