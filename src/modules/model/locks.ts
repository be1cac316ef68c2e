import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { UserTable } from '../../platform/db/types.js';
import { objectTarget } from './catalogue.js';
import { cubeFor } from './cube-service.js';
import { modelDb } from './tables.js';

/**
 * Locked slices (issue 7): an element of a cube's dimension, with every element below it, is
 * closed to every kind of write — form saves, imports, copies, spreads, package figures — for
 * every user, org admins included, until an org admin unlocks it. The check runs in the cube
 * store's write guard, so no write path can miss it.
 */
export interface LockView {
  dimension: string;
  element: string;
  note: string;
  lockedBy: string | null;
  lockedAt: string;
}

export async function listLocks(ctx: TenantContext, user: UserTable, cubeId: string): Promise<LockView[]> {
  const { db } = await cubeFor(ctx, user, cubeId);
  const rows = await db
    .selectFrom('cube_locks as l')
    .leftJoin('users as u', 'u.id', 'l.locked_by')
    .selectAll('l')
    .select('u.display_name as by_name')
    .where('l.cube_id', '=', cubeId)
    .orderBy('l.locked_at')
    .execute();
  return rows.map((r) => ({
    dimension: r.dimension,
    element: r.element,
    note: r.note,
    lockedBy: r.by_name ?? null,
    lockedAt: formatInZone(r.locked_at, ctx.tenant.time_zone),
  }));
}

/** Locks `dimension = element` of a cube (already locked: unchanged, no new log entry). */
export async function lockSlice(
  deps: Pick<AppDeps, 'clock'>,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  input: { dimension: string; element: string; note?: string | undefined },
  actor: Actor,
): Promise<void> {
  const { row, cube } = await cubeFor(ctx, user, cubeId);
  const dim = cube.dimensions.find((d) => d.name === input.dimension);
  if (!dim) throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: input.dimension } });
  if (!dim.has(input.element))
    throw new AppError('ELEMENT_NOT_FOUND', { params: { element: input.element } });
  await inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const exists = await db
      .selectFrom('cube_locks')
      .select('element')
      .where('cube_id', '=', cubeId)
      .where('dimension', '=', input.dimension)
      .where('element', '=', input.element)
      .executeTakeFirst();
    if (exists) return;
    await db
      .insertInto('cube_locks')
      .values({
        cube_id: cubeId,
        dimension: input.dimension,
        element: input.element,
        note: (input.note ?? '').trim(),
        locked_by: actor.type === 'user' ? actor.id : null,
        locked_at: deps.clock().toISOString(),
      })
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.cube.lock',
        target: objectTarget(row),
        summary: { dimension: input.dimension, element: input.element, note: (input.note ?? '').trim() },
      },
      deps.clock,
    );
  });
}

export async function unlockSlice(
  deps: Pick<AppDeps, 'clock'>,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  input: { dimension: string; element: string },
  actor: Actor,
): Promise<void> {
  const { row } = await cubeFor(ctx, user, cubeId);
  await inTransaction(ctx.db, async (tx) => {
    const r = await modelDb(tx.db)
      .deleteFrom('cube_locks')
      .where('cube_id', '=', cubeId)
      .where('dimension', '=', input.dimension)
      .where('element', '=', input.element)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.cube.unlock',
        target: objectTarget(row),
        summary: { dimension: input.dimension, element: input.element },
      },
      deps.clock,
    );
  });
}
