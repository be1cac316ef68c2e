import type { Kysely, Transaction } from 'kysely';
import type { ChangeSet } from '../../engine/index.js';
import type { TenantDB } from '../../platform/db/types.js';
import { runChunked } from '../cubes/bulk.js';
import { entryDb, type CellSource } from './tables.js';

/** One net change of a leaf cell (coordinate key = element ids joined by `:`). */
export interface NetChange {
  coord: string;
  oldValue: number;
  newValue: number;
}

/** Rows per INSERT: 5 parameters each, well under SQLite's and PostgreSQL's limits. */
const CHUNK = 1000;

/**
 * The net change per cell of a write's change sets: the first old value and the last new value
 * of each coordinate (a cell written twice in one batch is one history row); cells that end
 * where they started are left out.
 */
export function netChanges(changes: readonly ChangeSet[]): NetChange[] {
  const byCoord = new Map<string, NetChange>();
  for (const cs of changes) {
    const nd = cs.dims;
    const ids = cs.coords;
    const olds = cs.oldValues;
    const news = cs.newValues;
    for (let i = 0; i < cs.length; i++) {
      let key = String(ids[i * nd]);
      for (let d = 1; d < nd; d++) key += `:${ids[i * nd + d]}`;
      const seen = byCoord.get(key);
      if (seen) seen.newValue = news[i] ?? 0;
      else byCoord.set(key, { coord: key, oldValue: olds[i] ?? 0, newValue: news[i] ?? 0 });
    }
  }
  const out: NetChange[] = [];
  for (const c of byCoord.values()) if (c.oldValue !== c.newValue) out.push(c);
  return out;
}

export interface WriteMeta {
  cubeId: string;
  userId: string | null;
  source: CellSource;
  /** UTC time of the write. */
  at: Date;
}

/**
 * Records a write in the cell history, inside the caller's (the write's) transaction: one
 * `cell_writes` row and one `cell_history` row per net changed cell. Returns the write's
 * sequence number (0 when nothing changed and nothing was recorded).
 *
 * Used by the cube store's `within` hook (`writeCells` in the model's cube service, the actuals
 * import), and by anything else that changes cells (a package import passes its own changes).
 */
export async function recordHistory(
  trx: Transaction<TenantDB> | Kysely<TenantDB>,
  meta: WriteMeta,
  changes: readonly ChangeSet[] | readonly NetChange[],
): Promise<number> {
  const net = isNet(changes) ? changes : netChanges(changes);
  if (net.length === 0) return 0;
  const db = entryDb(trx);
  const row = await db
    .insertInto('cell_writes')
    .values({
      cube_id: meta.cubeId,
      user_id: meta.userId,
      source: meta.source,
      cells: net.length,
      at: meta.at.toISOString(),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const seq = Number(row.seq);
  const placeholder = { cube_id: '', coord: '', write_seq: 0, old_value: 0, new_value: 0 };
  await runChunked(
    trx,
    'cell_history',
    (n) => db.insertInto('cell_history').values(Array.from({ length: n }, () => placeholder)),
    5,
    net.length,
    (i, out, o) => {
      const c = net[i] as NetChange;
      out[o] = meta.cubeId;
      out[o + 1] = c.coord;
      out[o + 2] = seq;
      out[o + 3] = c.oldValue;
      out[o + 4] = c.newValue;
    },
    CHUNK,
  );
  return seq;
}

function isNet(changes: readonly ChangeSet[] | readonly NetChange[]): changes is readonly NetChange[] {
  return changes.length === 0 || 'coord' in (changes[0] as object);
}
