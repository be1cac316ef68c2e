import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { CsvCharset } from '../../platform/csv/encoding.js';
import { verifyScope } from '../../platform/audit/checkpoints.js';
import { signCanonical, signingKey } from '../../platform/audit/signing.js';
import type { AnyDb } from '../../platform/db/database.js';
import type { TenantTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { TenantContext } from '../../platform/server/context.js';
import { formatInZone, offsetMinutes, utcMillis } from '../../platform/time/zoned.js';
import { pageOf, type Condition, type LogFilter, type LogName, type RowOf } from './repository.js';
import type { AccessQuery, AuditQuery, ErrorQuery, VerificationReport } from './schemas.js';

export const DEFAULT_PAGE = 50;

/**
 * The UTC instant at which calendar day `date` (YYYY-MM-DD; `dayOffset` days later) begins in
 * `timeZone`. Any year 0001-9999 works (the day after 9999-12-31 too): no date string is rebuilt.
 */
export function zonedDayStartUtc(date: string, timeZone: string, dayOffset = 0): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = utcMillis(y, m, d + dayOffset);
  let guess = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  guess = wall - offsetMinutes(new Date(guess), timeZone) * 60_000;
  return new Date(guess);
}

/**
 * Logs hold nothing before 1970 nor after year 9999: a date beyond those days is no bound (or, for
 * `to` before 1970, the start of 1970), so years 0000-9999 all give a sound range (issue 21 point 2).
 */
const EARLIEST_DAY = '1970-01-02';
const LATEST_DAY = '9999-12-30';

/** Calendar dates from/to (inclusive, in the tenant's zone) → a half-open UTC range. */
export function periodToUtc(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): Pick<LogFilter, 'fromUtc' | 'toUtc'> {
  if (from && to && from > to) throw new AppError('LOG_PERIOD_INVALID');
  const range: Pick<LogFilter, 'fromUtc' | 'toUtc'> = {};
  if (from && from >= EARLIEST_DAY && from <= LATEST_DAY) {
    range.fromUtc = zonedDayStartUtc(from, timeZone).toISOString();
  } else if (from && from > LATEST_DAY) {
    range.fromUtc = '9999-12-31T23:59:59.999Z';
  }
  if (to && to < EARLIEST_DAY) range.toUtc = new Date(0).toISOString();
  else if (to && to <= LATEST_DAY) range.toUtc = zonedDayStartUtc(to, timeZone, 1).toISOString();
  return range;
}

function eq(column: string, value: string | number | undefined): Condition[] {
  return value === undefined ? [] : [{ column, op: '=', value }];
}

export function auditFilter(kind: 'operation' | 'login', q: AuditQuery, timeZone: string): LogFilter {
  return {
    ...periodToUtc(q.from, q.to, timeZone),
    conditions: [
      { column: 'kind', op: '=', value: kind },
      ...eq('actor_id', q.user),
      ...eq('action', q.action),
      ...eq('target_type', q.targetType),
      ...eq('target_id', q.targetId),
      ...eq('result', q.result),
      ...(q.target ? [{ column: 'target_label', op: 'contains' as const, value: q.target }] : []),
    ],
  };
}

export function accessFilter(q: AccessQuery, timeZone: string): LogFilter {
  return {
    ...periodToUtc(q.from, q.to, timeZone),
    conditions: [
      ...eq('user_id', q.user),
      ...eq('method', q.method),
      ...eq('route', q.route),
      ...eq('status', q.status),
    ],
  };
}

export function errorFilter(q: ErrorQuery, timeZone: string): LogFilter {
  return {
    ...periodToUtc(q.from, q.to, timeZone),
    conditions: [...eq('user_id', q.user), ...eq('ref_id', q.refId), ...eq('code', q.code)],
  };
}

/** One page of a log, newest first; `nextCursor` is the seq to pass as `cursor` for the next page. */
export async function listLog<L extends LogName>(
  ctx: TenantContext,
  log: L,
  filter: LogFilter,
  cursor: number | undefined,
  limit = DEFAULT_PAGE,
): Promise<{ rows: RowOf<L>[]; nextCursor: number | null }> {
  const { rows, continueBelow } = await pageOf(ctx.db.kysely, log, filter, cursor, limit + 1);
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  // A free-text search may stop at its scan window with fewer rows: then it continues below it.
  return { rows: page, nextCursor: more ? page[page.length - 1]!.seq : continueBelow };
}

/** Exports are evidence too: who exported which log, with which filters. */
export async function recordExport(
  ctx: TenantContext,
  actor: Actor,
  log: LogName,
  format: 'csv' | 'jsonl',
  query: Record<string, unknown>,
  charset: CsvCharset = 'utf8',
): Promise<void> {
  await inTransaction(ctx.db, (tx) =>
    appendAudit(tx, actor, {
      kind: 'operation',
      action: 'logs.export',
      target: { type: 'log', id: log, label: log },
      summary: { format, ...(format === 'csv' ? { charset } : {}), filters: query },
    }),
  );
}

/**
 * Verifies the tenant's audit chain and its checkpoints (kept in the control database),
 * and returns a report signed with the installation's Ed25519 key.
 */
export async function verifyTenantLogs(
  control: AnyDb,
  dataDir: string,
  tenant: TenantTable,
  db: AnyDb,
  now: Date,
): Promise<VerificationReport> {
  const key = signingKey(dataDir);
  const v = await verifyScope(control, tenant.id, db, key);
  const report: VerificationReport['report'] = {
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.display_name },
    verifiedAt: formatInZone(now, tenant.time_zone),
    result: v.ok ? 'valid' : 'invalid',
    entriesChecked: v.entries,
    head: { seq: v.headSeq, hash: v.headHash },
    checkpointsChecked: v.checkpointsChecked,
    firstFailure: v.firstFailure ?? null,
  };
  return {
    report,
    algorithm: 'Ed25519',
    signature: signCanonical(key, report),
    publicKeyFingerprint: key.keyId,
    publicKey: key.publicKeyPem,
  };
}
