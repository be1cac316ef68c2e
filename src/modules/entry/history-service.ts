import type { Cube } from '../../engine/index.js';
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
  return historyPage(ctx, cube, cubeId, { keys }, body.limit ?? DEFAULT_LIMIT, body.cursor);
}

/** Rows scanned at most per page when filtering by a predicate (the page then ends early, with a cursor). */
const SCAN_LIMIT = 20_000;
const SCAN_BATCH = 1000;

/**
 * One page of a cube's history, newest write first: the cells named by `keys`, or every cell
 * `accept` takes (scanned in batches of the cube's history; a page that reached `SCAN_LIMIT` rows
 * ends with fewer items and a cursor to go on from).
 */
export async function historyPage(
  ctx: TenantContext,
  cube: Cube,
  cubeId: string,
  filter: { keys: readonly string[] } | { accept: (coord: string) => boolean },
  limit: number,
  cursor: string | undefined,
): Promise<HistoryResponse> {
  const db = entryDb(ctx.db.kysely);
  const query = (after: string | undefined, n: number) => {
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
      .where('h.cube_id', '=', cubeId);
    if ('keys' in filter) q = q.where('h.coord', 'in', [...filter.keys]);
    if (after) {
      const at = after.indexOf(':');
      const seq = Number(after.slice(0, at));
      const coord = after.slice(at + 1);
      q = q.where((eb) =>
        eb.or([
          eb('h.write_seq', '<', seq),
          eb.and([eb('h.write_seq', '=', seq), eb('h.coord', '>', coord)]),
        ]),
      );
    }
    return q.orderBy('h.write_seq', 'desc').orderBy('h.coord', 'asc').limit(n).execute();
  };
  type Row = Awaited<ReturnType<typeof query>>[number];
  const position = (r: Row) => `${Number(r.write_seq)}:${r.coord}`;
  let rows: Row[];
  let more: string | null = null;
  if ('keys' in filter) {
    rows = await query(cursor, limit + 1);
    const last = rows[limit - 1];
    if (rows.length > limit && last) more = position(last);
    rows = rows.slice(0, limit);
  } else {
    rows = [];
    let after = cursor;
    let scanned = 0;
    for (;;) {
      const batch = await query(after, SCAN_BATCH);
      for (const r of batch) {
        scanned++;
        after = position(r);
        if (!filter.accept(r.coord)) continue;
        if (rows.length === limit) {
          more = position(rows[limit - 1] as Row);
          break;
        }
        rows.push(r);
      }
      if (more || batch.length < SCAN_BATCH) break;
      if (scanned >= SCAN_LIMIT) {
        more = after ?? null;
        break;
      }
    }
  }
  return {
    items: rows.map((r) => ({
      coords: coordsOfKey(cube, r.coord),
      oldValue: Number(r.old_value),
      newValue: Number(r.new_value),
      user: r.user_id ? { id: r.user_id, name: r.display_name ?? '' } : null,
      at: formatInZone(r.at, ctx.tenant.time_zone),
      source: r.source,
    })),
    nextCursor: more,
  };
}
