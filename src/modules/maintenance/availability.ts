/**
 * Availability (§2), as a pure function: Yosan's own uptime record (start, heartbeat and stop
 * events) → the share of a month it answered, not counting announced maintenance.
 *
 * Rules: between two consecutive events the service counts as up when the earlier one is not a
 * `stop` and the gap is at most `toleranceMs`; otherwise the whole gap is downtime. After the last
 * event, time up to `now` is up only within the tolerance. Time before the first event ever
 * recorded is not measured (Yosan did not exist yet). Maintenance windows are taken out of both
 * the measured time and the downtime. Months are calendar months in JST (UTC+9, no daylight saving).
 */
export const AVAILABILITY_GOAL = 99.99;
export const HEARTBEAT_TOLERANCE_MS = 150_000;
const JST_OFFSET_MS = 9 * 3_600_000;

export interface UptimeEvent {
  kind: 'start' | 'heartbeat' | 'stop';
  at: number; // epoch ms
}
export interface Interval {
  start: number;
  end: number;
}

export interface MonthAvailability {
  month: string; // YYYY-MM (JST)
  measuredMs: number;
  downMs: number;
  maintenanceMs: number;
  /** null when nothing of the month was measured yet. */
  percent: number | null;
  goalMet: boolean | null;
}

/** [start, end) of a JST calendar month, as epoch ms. */
export function jstMonthRange(month: string): Interval {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1) - JST_OFFSET_MS, end: Date.UTC(y, m, 1) - JST_OFFSET_MS };
}

/** The JST month (YYYY-MM) that contains `at`. */
export function jstMonthOf(at: number): string {
  const d = new Date(at + JST_OFFSET_MS);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The `count` JST months up to and including the one containing `at`, newest first. */
export function recentJstMonths(at: number, count: number): string[] {
  const d = new Date(at + JST_OFFSET_MS);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 1));
    out.push(`${x.getUTCFullYear()}-${String(x.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

function clip(i: Interval, to: Interval): Interval | undefined {
  const start = Math.max(i.start, to.start);
  const end = Math.min(i.end, to.end);
  return end > start ? { start, end } : undefined;
}

/** Sorted, non-overlapping union of intervals. */
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** Total length of `a` minus whatever of it lies in `b` (both merged). */
function lengthOutside(a: readonly Interval[], b: readonly Interval[]): number {
  let total = 0;
  for (const i of a) {
    let len = i.end - i.start;
    for (const m of b) {
      const c = clip(m, i);
      if (c) len -= c.end - c.start;
    }
    total += len;
  }
  return total;
}

/** The down intervals implied by the events (sorted by time). */
export function downIntervals(events: readonly UptimeEvent[], now: number, toleranceMs: number): Interval[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const down: Interval[] = [];
  sorted.forEach((e, i) => {
    const next = sorted[i + 1];
    const end = next ? next.at : now;
    if (end <= e.at) return;
    const gap = end - e.at;
    if (e.kind === 'stop' || gap > toleranceMs) down.push({ start: e.at, end });
  });
  return mergeIntervals(down);
}

export function monthAvailability(input: {
  month: string;
  events: readonly UptimeEvent[];
  maintenance: readonly Interval[];
  now: number;
  toleranceMs?: number;
}): MonthAvailability {
  const tolerance = input.toleranceMs ?? HEARTBEAT_TOLERANCE_MS;
  const range = jstMonthRange(input.month);
  const first = input.events.reduce((min, e) => Math.min(min, e.at), Infinity);
  const period = clip({ start: Math.max(range.start, first), end: Math.min(range.end, input.now) }, range);
  if (!period) {
    return { month: input.month, measuredMs: 0, downMs: 0, maintenanceMs: 0, percent: null, goalMet: null };
  }
  const maintenance = mergeIntervals(
    input.maintenance.map((m) => clip(m, period)).filter((m): m is Interval => m !== undefined),
  );
  const maintenanceMs = maintenance.reduce((s, m) => s + (m.end - m.start), 0);
  const down = downIntervals(input.events, input.now, tolerance)
    .map((d) => clip(d, period))
    .filter((d): d is Interval => d !== undefined);
  const measuredMs = period.end - period.start - maintenanceMs;
  const downMs = lengthOutside(down, maintenance);
  if (measuredMs <= 0) {
    return { month: input.month, measuredMs: 0, downMs: 0, maintenanceMs, percent: null, goalMet: null };
  }
  const percent = ((measuredMs - downMs) / measuredMs) * 100;
  return {
    month: input.month,
    measuredMs,
    downMs,
    maintenanceMs,
    percent,
    goalMet: percent >= AVAILABILITY_GOAL,
  };
}

/**
 * The monthly OS-update window: the third Sunday of `month` (JST) from `startHour` (default 22:00)
 * for `hours` (default 4, so into Monday), as UTC ISO strings.
 */
export function thirdSundayWindow(
  month: string,
  startHour = 22,
  hours = 4,
): { date: string; startsAt: string; endsAt: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const firstDow = new Date(Date.UTC(y, m - 1, 1)).getUTCDay(); // 0 = Sunday
  const day = 1 + ((7 - firstDow) % 7) + 14;
  const start = Date.UTC(y, m - 1, day, startHour) - JST_OFFSET_MS;
  return {
    date: `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + hours * 3_600_000).toISOString(),
  };
}
