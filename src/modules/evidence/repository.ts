import { sql, type SelectQueryBuilder } from 'kysely';
import type { AccessLogTable, ErrorLogTable } from '../../platform/audit/evidence-tables.js';
import type { AnyDb } from '../../platform/db/database.js';
import type { AuditLogTable } from '../../platform/db/types.js';

export type LogName = 'operations' | 'logins' | 'access' | 'errors';
export type LogTable = 'audit_log' | 'access_log' | 'error_log';

export type AccessRow = Omit<AccessLogTable, 'seq'> & { seq: number };
export type ErrorRow = Omit<ErrorLogTable, 'seq'> & { seq: number };
export type RowOf<L extends LogName> = L extends 'access'
  ? AccessRow
  : L extends 'errors'
    ? ErrorRow
    : AuditLogTable;

export const TABLE: Record<LogName, LogTable> = {
  operations: 'audit_log',
  logins: 'audit_log',
  access: 'access_log',
  errors: 'error_log',
};

/** One filter: column = value, or (for `contains`) the lower-cased column contains the text. */
export type Condition =
  | { column: string; op: '=' | '<' | '>=' | '<='; value: string | number }
  | { column: string; op: 'contains'; value: string };

export interface LogFilter {
  fromUtc?: string;
  toUtc?: string;
  conditions: Condition[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Q = SelectQueryBuilder<any, any, any>;

const likeEscape = (text: string): string => text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`);

/**
 * Entries are appended with non-decreasing times (the audit head lock, the single
 * access-log writer), so a period is a range of `seq`: found with two probes of the
 * `at` index, it lets every filtered query walk a `(…, seq)` index backwards.
 */
async function seqBounds(
  db: AnyDb,
  table: LogTable,
  filter: LogFilter,
): Promise<{ min?: number; max?: number } | 'empty'> {
  const bounds: { min?: number; max?: number } = {};
  if (filter.fromUtc) {
    const row = await db
      .selectFrom(table)
      .select('seq')
      .where('at', '>=', filter.fromUtc)
      .orderBy('at')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    if (!row) return 'empty';
    bounds.min = Number(row.seq);
  }
  if (filter.toUtc) {
    const row = await db
      .selectFrom(table)
      .select('seq')
      .where('at', '<', filter.toUtc)
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return 'empty';
    bounds.max = Number(row.seq);
  }
  return bounds;
}

function applyFilter(q: Q, filter: LogFilter, bounds: { min?: number; max?: number }): Q {
  if (bounds.min !== undefined) q = q.where('seq', '>=', bounds.min);
  if (bounds.max !== undefined) q = q.where('seq', '<=', bounds.max);
  // The period itself stays a condition too, so an entry outside it is never shown.
  if (filter.fromUtc) q = q.where('at', '>=', filter.fromUtc);
  if (filter.toUtc) q = q.where('at', '<', filter.toUtc);
  for (const c of filter.conditions) {
    if (c.op === 'contains') {
      q = q.where(sql<boolean>`lower(${sql.ref(c.column)}) like ${`%${likeEscape(c.value)}%`} escape '!'`);
    } else {
      q = q.where(c.column, c.op, c.value);
    }
  }
  return q;
}

/**
 * A free-text (`contains`) search cannot use an index, so one page scans at most
 * this many entries (newest first) and then says where to continue: every page
 * answers in bounded time however rare the matches are, and "Load more" goes on.
 */
export const SCAN_WINDOW = 20_000;

export interface PageResult<L extends LogName> {
  rows: RowOf<L>[];
  /** Set when the scan window ended before `limit` rows were found: continue with `cursor = continueBelow`. */
  continueBelow: number | null;
}

async function maxSeq(db: AnyDb, table: LogTable): Promise<number | null> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return row?.m === null || row?.m === undefined ? null : Number(row.m);
}

/** Newest first, `limit` entries older than `cursor` (a seq), or none when the period is empty. */
export async function pageOf<L extends LogName>(
  db: AnyDb,
  log: L,
  filter: LogFilter,
  cursor: number | undefined,
  limit: number,
  scanWindow = SCAN_WINDOW,
): Promise<PageResult<L>> {
  const table = TABLE[log];
  const bounds = await seqBounds(db, table, filter);
  if (bounds === 'empty') return { rows: [], continueBelow: null };
  let q = applyFilter(db.selectFrom(table).selectAll(), filter, bounds);
  if (cursor !== undefined) q = q.where('seq', '<', cursor);
  let continueBelow: number | null = null;
  if (filter.conditions.some((c) => c.op === 'contains')) {
    const top = cursor !== undefined ? cursor - 1 : (bounds.max ?? (await maxSeq(db, table)));
    if (top === null) return { rows: [], continueBelow: null };
    const floor = top - scanWindow + 1;
    if (floor > (bounds.min ?? 1)) {
      q = q.where('seq', '>=', floor);
      continueBelow = floor;
    }
  }
  const rows = (await q.orderBy('seq', 'desc').limit(limit).execute()) as RowOf<L>[];
  return {
    rows: rows.map((r) => ({ ...r, seq: Number(r.seq) })),
    continueBelow: rows.length < limit ? continueBelow : null,
  };
}

/** Every matching entry, newest first, read in batches (for exports: memory stays flat). */
export async function* allOf<L extends LogName>(
  db: AnyDb,
  log: L,
  filter: LogFilter,
  batch = 1000,
  scanWindow = SCAN_WINDOW,
): AsyncGenerator<RowOf<L>[]> {
  let cursor: number | undefined;
  for (;;) {
    const { rows, continueBelow } = await pageOf(db, log, filter, cursor, batch, scanWindow);
    if (rows.length > 0) yield rows;
    if (rows.length === batch) cursor = rows[rows.length - 1]!.seq;
    else if (continueBelow !== null) cursor = continueBelow;
    else return;
  }
}
