import type { Kysely } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { enqueue } from '../../platform/jobs/queue.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { ControlDB } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps } from '../../platform/server/context.js';
import {
  HEARTBEAT_TOLERANCE_MS,
  jstMonthRange,
  monthAvailability,
  recentJstMonths,
  type MonthAvailability,
} from './availability.js';
import { opsDb, type MaintenanceWindowTable, type OpsKysely, type UptimeEventTable } from './tables.js';

const target = (w: MaintenanceWindowTable) => ({
  type: 'maintenance',
  id: w.id,
  label: `${w.starts_at} – ${w.ends_at}`,
});

function instant(value: string, path: string): number {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t))
    throw new AppError('VALIDATION_FAILED', { issues: [{ path, code: 'format' }] });
  return t;
}

/** How long this process trusts its copy of the scheduled windows (another process may change them). */
const WINDOWS_TTL_MS = 30_000;
const scheduled = new WeakMap<object, { loadedAt: number; windows: Promise<MaintenanceWindowTable[]> }>();

/** Every window still marked scheduled (a few a month), newest end first; cached per control database. */
function scheduledWindows(control: Kysely<ControlDB>): Promise<MaintenanceWindowTable[]> {
  const known = scheduled.get(control);
  if (known && Date.now() - known.loadedAt < WINDOWS_TTL_MS) return known.windows;
  const windows = (control as unknown as OpsKysely)
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('status', '=', 'scheduled')
    .orderBy('ends_at', 'desc')
    .execute();
  scheduled.set(control, { loadedAt: Date.now(), windows });
  windows.catch(() => scheduled.delete(control));
  return windows;
}

/**
 * The window in force at `now`, if any. The gate asks this on every tenant request, so it reads
 * an in-memory copy of the scheduled windows, dropped whenever this process schedules or ends one.
 */
export async function activeWindow(
  control: Kysely<ControlDB>,
  now: Date,
): Promise<MaintenanceWindowTable | undefined> {
  const iso = now.toISOString();
  return (await scheduledWindows(control)).find((w) => w.starts_at <= iso && w.ends_at > iso);
}

/** Windows not yet over: the banner's content. */
export function comingWindows(deps: AppDeps): Promise<MaintenanceWindowTable[]> {
  return opsDb(deps.storage.control)
    .selectFrom('maintenance_windows')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('ends_at', '>', deps.clock().toISOString())
    .orderBy('starts_at')
    .execute();
}

export function allWindows(deps: AppDeps): Promise<MaintenanceWindowTable[]> {
  return opsDb(deps.storage.control)
    .selectFrom('maintenance_windows')
    .selectAll()
    .orderBy('starts_at', 'desc')
    .limit(200)
    .execute();
}

export async function scheduleWindow(
  deps: AppDeps,
  input: { startsAt: string; endsAt: string; noticeJa: string; noticeEn: string },
  actor: Actor,
): Promise<MaintenanceWindowTable> {
  const start = instant(input.startsAt, '/startsAt');
  const end = instant(input.endsAt, '/endsAt');
  if (end <= start || end <= deps.clock().getTime()) throw new AppError('MAINTENANCE_PERIOD_INVALID');
  const now = deps.clock().toISOString();
  const row: MaintenanceWindowTable = {
    id: newId(),
    starts_at: new Date(start).toISOString(),
    ends_at: new Date(end).toISOString(),
    notice_ja: input.noticeJa.trim(),
    notice_en: input.noticeEn.trim(),
    status: 'scheduled',
    created_by: actor.id ?? '',
    created_at: now,
    updated_at: now,
  };
  const entry = {
    kind: 'operation' as const,
    action: 'maintenance.schedule',
    target: target(row),
    summary: { startsAt: row.starts_at, endsAt: row.ends_at },
  };
  await inTransaction(deps.storage.control, async (tx) => {
    await (tx.db as unknown as OpsKysely).insertInto('maintenance_windows').values(row).execute();
    await appendAudit(tx, actor, entry, deps.clock);
    // Every active tenant's operation log and org admins' mails: a durable job (see incidents/fanout.ts).
    await enqueue(tx, {
      type: 'ops.notify',
      payload: { subject: 'maintenance', id: row.id, action: 'maintenance.schedule', actor },
    });
  });
  scheduled.delete(deps.storage.control.kysely);
  return row;
}

/** Ends a running window now, or cancels one that has not begun. */
export async function endWindow(deps: AppDeps, id: string, actor: Actor): Promise<MaintenanceWindowTable> {
  const ended = await inTransaction(deps.storage.control, async (tx) => {
    const db = tx.db as unknown as OpsKysely;
    const w = await db.selectFrom('maintenance_windows').selectAll().where('id', '=', id).executeTakeFirst();
    if (!w) throw new AppError('MAINTENANCE_NOT_FOUND');
    const now = deps.clock();
    if (w.status !== 'scheduled' || w.ends_at <= now.toISOString())
      throw new AppError('MAINTENANCE_STATE_CONFLICT');
    const started = w.starts_at <= now.toISOString();
    const change = started
      ? { status: 'ended' as const, ends_at: now.toISOString(), updated_at: now.toISOString() }
      : { status: 'cancelled' as const, updated_at: now.toISOString() };
    await db.updateTable('maintenance_windows').set(change).where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: started ? 'maintenance.end' : 'maintenance.cancel',
        target: target(w),
        summary: { plannedEnd: w.ends_at },
      },
      deps.clock,
    );
    return { ...w, ...change };
  });
  scheduled.delete(deps.storage.control.kysely);
  return ended;
}

/** Records an uptime event (start, stop, heartbeat). */
export async function recordUptime(
  control: Kysely<ControlDB>,
  kind: UptimeEventTable['kind'],
  at: Date,
): Promise<void> {
  await (control as unknown as OpsKysely)
    .insertInto('uptime_events')
    .values({ id: newId(), kind, at: at.toISOString() })
    .execute();
}

/** Heartbeats older than `days` are dropped (the console shows at most 24 months); start/stop events stay. */
export async function pruneHeartbeats(control: Kysely<ControlDB>, now: Date, days = 800): Promise<void> {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  await (control as unknown as OpsKysely)
    .deleteFrom('uptime_events')
    .where('kind', '=', 'heartbeat')
    .where('at', '<', before)
    .execute();
}

/** Each of the last `count` JST months' availability, newest first. */
export async function availability(deps: AppDeps, count: number): Promise<MonthAvailability[]> {
  const now = deps.clock().getTime();
  const months = recentJstMonths(now, count);
  const from = new Date(jstMonthRange(months.at(-1)!).start - 86_400_000).toISOString();
  const db = opsDb(deps.storage.control);
  const [events, windows] = await Promise.all([
    db.selectFrom('uptime_events').select(['kind', 'at']).where('at', '>=', from).orderBy('at').execute(),
    db
      .selectFrom('maintenance_windows')
      .select(['starts_at', 'ends_at'])
      .where('status', '<>', 'cancelled')
      .where('ends_at', '>=', from)
      .execute(),
  ]);
  const ev = events.map((e) => ({ kind: e.kind, at: Date.parse(e.at) }));
  const mw = windows.map((w) => ({ start: Date.parse(w.starts_at), end: Date.parse(w.ends_at) }));
  return months.map((month) =>
    monthAvailability({ month, events: ev, maintenance: mw, now, toleranceMs: HEARTBEAT_TOLERANCE_MS }),
  );
}
