import type { Cube } from '../../engine/index.js';
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
import { modelDb, type ModelDb } from './tables.js';

/** At most this many cells are listed in one audit entry (the count is always there). */
const AUDIT_CELLS = 100;

async function present(db: ModelDb, row: CatalogueRow, timeZone: string): Promise<CubeView> {
  const cube = await db
    .selectFrom('cubes')
    .select('dimension_ids')
    .where('id', '=', row.id)
    .executeTakeFirst();
  const ids = cube ? (JSON.parse(cube.dimension_ids) as string[]) : [];
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

export async function listCubes(ctx: TenantContext): Promise<CubeView[]> {
  const db = modelDb(ctx.db.kysely);
  const rows = await listObjects(db, { kind: 'cube' });
  return Promise.all(rows.map((r) => present(db, r, ctx.tenant.time_zone)));
}

export async function getCube(ctx: TenantContext, id: string): Promise<CubeView> {
  const db = modelDb(ctx.db.kysely);
  return present(db, await objectById(db, id, 'cube'), ctx.tenant.time_zone);
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
export async function readGrid(ctx: TenantContext, id: string, q: GridBody): Promise<GridResponse> {
  await objectById(modelDb(ctx.db.kysely), id, 'cube');
  return translated(async () => {
    const cube = await cubeStore.loadCube(ctx.db, id);
    const grid = cube.readGrid(q);
    const values: number[][] = [];
    for (let r = 0; r < grid.rows; r++)
      values.push(Array.from(grid.values.subarray(r * grid.columns, (r + 1) * grid.columns)));
    return { rows: [...q.rows.elements], columns: [...q.columns.elements], values };
  });
}

/** Writes leaf cells, all or none, with one audit entry in the same transaction. */
export async function writeCells(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  body: CellsBody,
  actor: Actor,
): Promise<{ changed: number }> {
  const row = await objectById(modelDb(ctx.db.kysely), id, 'cube');
  return translated(async () => {
    const cube = await cubeStore.loadCube(ctx.db, id);
    const cells = body.cells.map((c) => ({ coords: coordsOf(cube, c.coords), value: c.value }));
    const result = await cubeStore.writeCells(ctx.db, id, cells, async (trx) => {
      await modelDb(trx)
        .updateTable('model_objects')
        .set({ updated_at: deps.clock().toISOString() })
        .where('id', '=', id)
        .execute();
      await appendAudit(
        { db: trx },
        actor,
        {
          kind: 'operation',
          action: 'model.cube.write',
          target: objectTarget(row),
          summary: { count: cells.length, cells: body.cells.slice(0, AUDIT_CELLS) },
        },
        deps.clock,
      );
    });
    return { changed: result.changed };
  });
}
