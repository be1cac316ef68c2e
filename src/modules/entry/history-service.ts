import type { UserTable } from '../../platform/db/types.js';
import type { TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { cubeFor } from '../model/cube-service.js';
import { translated } from '../model/errors.js';
import { coordsOfKey, readableCells } from './cells.js';
import type { HistoryBody, HistoryResponse } from './schemas.js';
import { entryDb } from './tables.js';

const DEFAULT_LIMIT = 50;

/**
 * The history of a set of cells (one cell, a form's rows × columns, …), newest write first,
 * paged by a cursor. Only cells the user may read are listed; a cube they may not read is 404.
 * Consolidated cells have no history of their own (their leaves do).
 */
export async function cellHistory(
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  body: HistoryBody,
): Promise<HistoryResponse> {
  const { cube, rights } = await cubeFor(ctx, user, cubeId);
  const cells = await translated(() => Promise.resolve(readableCells(cube, rights, body)));
  const keys = cells.filter((c) => c.leaf).map((c) => c.key);
  if (keys.length === 0) return { items: [], nextCursor: null };
  const limit = body.limit ?? DEFAULT_LIMIT;
  const db = entryDb(ctx.db.kysely);
  let q = db
    .selectFrom('cell_history as h')
    .innerJoin('cell_writes as w', 'w.seq', 'h.write_seq')
    .leftJoin('users as u', 'u.id', 'w.user_id')
    .select([
      'h.coord',
      'h.write_seq',
      'h.old_value',
      'h.new_value',
      'w.user_id',
      'w.source',
      'w.at',
      'u.display_name',
    ])
    .where('h.cube_id', '=', cubeId)
    .where('h.coord', 'in', keys);
  if (body.cursor) {
    const at = body.cursor.indexOf(':');
    const seq = Number(body.cursor.slice(0, at));
    const coord = body.cursor.slice(at + 1);
    q = q.where((eb) =>
      eb.or([eb('h.write_seq', '<', seq), eb.and([eb('h.write_seq', '=', seq), eb('h.coord', '>', coord)])]),
    );
  }
  const rows = await q
    .orderBy('h.write_seq', 'desc')
    .orderBy('h.coord', 'asc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      coords: coordsOfKey(cube, r.coord),
      oldValue: Number(r.old_value),
      newValue: Number(r.new_value),
      user: r.user_id ? { id: r.user_id, name: r.display_name ?? '' } : null,
      at: formatInZone(r.at, ctx.tenant.time_zone),
      source: r.source,
    })),
    nextCursor: rows.length > limit && last ? `${Number(last.write_seq)}:${last.coord}` : null,
  };
}
