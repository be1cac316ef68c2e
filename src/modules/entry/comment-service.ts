import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { objectTarget } from '../model/catalogue.js';
import { cubeFor } from '../model/cube-service.js';
import { translated } from '../model/errors.js';
import { cellLevel } from '../model/rights.js';
import { coordsOfKey, readableCells, resolveCell } from './cells.js';
import type { CellSet, CommentListResponse, CommentView, NewCommentBody } from './schemas.js';
import { entryDb, type EntryDb } from './tables.js';

/**
 * Threaded comments on any cell (leaf or consolidated). Reading and adding need the READ right on
 * the cell; a hidden cell is answered as not found. Only the author deletes a comment; one with
 * replies is kept as "deleted" (no text) so the thread stays readable.
 */
const select = (db: EntryDb) =>
  db
    .selectFrom('cell_comments as c')
    .leftJoin('users as u', 'u.id', 'c.author_id')
    .select([
      'c.id',
      'c.coord',
      'c.parent_id',
      'c.author_id',
      'c.body',
      'c.deleted',
      'c.created_at',
      'u.display_name',
    ]);
type Row = Awaited<ReturnType<ReturnType<typeof select>['executeTakeFirstOrThrow']>>;

function present(row: Row, coords: Record<string, string>, user: UserTable, timeZone: string): CommentView {
  return {
    id: row.id,
    coords,
    parentId: row.parent_id,
    author: { id: row.author_id, name: row.display_name ?? '' },
    body: row.deleted ? '' : row.body,
    deleted: row.deleted === 1,
    mine: row.author_id === user.id,
    at: formatInZone(row.created_at, timeZone),
  };
}

/** Comments on the readable cells of a set, oldest first (a grid counts them for its markers). */
export async function listComments(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  set: CellSet,
): Promise<CommentListResponse> {
  const { cube, rights } = await cubeFor(ctx, user, cubeId);
  const cells = await translated(() => Promise.resolve(readableCells(cube, rights, set)));
  if (cells.length === 0) return { items: [] };
  const rows = await select(entryDb(ctx.db.kysely))
    .where('c.cube_id', '=', cubeId)
    .where(
      'c.coord',
      'in',
      cells.map((c) => c.key),
    )
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return {
    items: rows.map((r) => present(r, coordsOfKey(cube, r.coord), user, ctx.tenant.time_zone)),
  };
}

export async function addComment(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  body: NewCommentBody,
  actor: Actor,
): Promise<CommentView> {
  const { cube, rights, row: object } = await cubeFor(ctx, user, cubeId);
  const cell = await translated(() => Promise.resolve(resolveCell(cube, body.coords)));
  if (cellLevel(rights, cube, cell.ids) === 0) throw new AppError('CELL_NOT_VISIBLE');
  const text = body.body.normalize('NFC').trim();
  if (!text) throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/body', code: 'required' }] });
  const id = newId();
  const at = deps.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const trx = tx.db;
    const db = entryDb(trx);
    if (body.parentId !== undefined) {
      const parent = await db
        .selectFrom('cell_comments')
        .select('id')
        .where('id', '=', body.parentId)
        .where('cube_id', '=', cubeId)
        .where('coord', '=', cell.key)
        .executeTakeFirst();
      if (!parent) throw new AppError('COMMENT_NOT_FOUND');
    }
    await db
      .insertInto('cell_comments')
      .values({
        id,
        cube_id: cubeId,
        coord: cell.key,
        parent_id: body.parentId ?? null,
        author_id: user.id,
        body: text,
        deleted: 0,
        created_at: at,
      })
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'cube.comment.add',
        target: objectTarget(object),
        summary: { comment: id, coords: body.coords, parent: body.parentId ?? null, length: text.length },
      },
      deps.clock,
    );
  });
  const saved = await select(entryDb(ctx.db.kysely)).where('c.id', '=', id).executeTakeFirstOrThrow();
  return present(saved, coordsOfKey(cube, cell.key), user, ctx.tenant.time_zone);
}

export async function deleteComment(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  commentId: string,
  actor: Actor,
): Promise<void> {
  const { cube, rights, row: object } = await cubeFor(ctx, user, cubeId);
  await inTransaction(ctx.db, async (tx) => {
    const trx = tx.db;
    const db = entryDb(trx);
    const c = await db
      .selectFrom('cell_comments')
      .selectAll()
      .where('id', '=', commentId)
      .where('cube_id', '=', cubeId)
      .executeTakeFirst();
    const ids = c ? c.coord.split(':').map(Number) : [];
    if (!c || c.deleted || cellLevel(rights, cube, ids) === 0) throw new AppError('COMMENT_NOT_FOUND');
    if (c.author_id !== user.id) throw new AppError('COMMENT_NOT_OWN');
    const reply = await db
      .selectFrom('cell_comments')
      .select('id')
      .where('parent_id', '=', commentId)
      .executeTakeFirst();
    if (reply)
      await db
        .updateTable('cell_comments')
        .set({ deleted: 1, body: '' })
        .where('id', '=', commentId)
        .execute();
    else await db.deleteFrom('cell_comments').where('id', '=', commentId).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'cube.comment.delete',
        target: objectTarget(object),
        summary: { comment: commentId, coords: coordsOfKey(cube, c.coord) },
      },
      deps.clock,
    );
  });
}
