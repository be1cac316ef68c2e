import type { BackupKind } from './layout.js';

/** How many generations of each kind are kept. */
export const RETENTION: Record<BackupKind, number> = { replica: 1, daily: 7, weekly: 3, 'pre-restore': 1 };

/** Clock skew tolerated before a generation counts as made "in the future" (the clock went back). */
export const FUTURE_SKEW_MS = 5 * 60_000;

export interface GenerationInfo {
  name: string;
  /** UTC ISO 8601 time the copy was taken. */
  createdAt: string;
}

export interface KeepDecision {
  keep: string[];
  remove: string[];
  /** Dated after `now` (the clock was set back): kept, not counted, shown to the operator. */
  future: string[];
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function zonedDate(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** ISO 8601 week (`2026-W48`) of a calendar date. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const dow = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - dow); // the Thursday of this week decides its year
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The period a generation of this kind stands for: its zoned day, ISO week, or itself. */
export function bucketOf(kind: BackupKind, g: GenerationInfo, timeZone: string): string {
  const at = new Date(g.createdAt);
  if (kind === 'daily') return zonedDate(at, timeZone);
  if (kind === 'weekly') return isoWeek(zonedDate(at, timeZone));
  return g.name;
}

const newestFirst = (a: GenerationInfo, b: GenerationInfo): number =>
  a.createdAt === b.createdAt ? (a.name < b.name ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

/**
 * Which counted (complete, verified) generations to keep: the newest generation of each
 * period (zoned day for daily, ISO week for weekly), for the `keep` newest periods that
 * have one — so missed days or failed runs never shrink the history below `keep`
 * generations. `protect` (the generation just verified) is always kept, whatever the
 * clock says; generations dated after `now` + skew are kept and reported, never counted.
 * Pure: no I/O, no clock.
 */
export function keepSet(
  kind: BackupKind,
  generations: readonly GenerationInfo[],
  now: Date,
  timeZone: string,
  keep: number = RETENTION[kind],
  protect?: string,
): KeepDecision {
  const limit = now.getTime() + FUTURE_SKEW_MS;
  const future = generations.filter((g) => new Date(g.createdAt).getTime() > limit).map((g) => g.name);
  const counted = generations.filter((g) => !future.includes(g.name)).sort(newestFirst);
  const kept = new Set<string>(future);
  if (protect !== undefined && generations.some((g) => g.name === protect)) kept.add(protect);
  const seen = new Set<string>();
  const protectedBucket = protect !== undefined ? counted.find((g) => g.name === protect) : undefined;
  if (protectedBucket) seen.add(bucketOf(kind, protectedBucket, timeZone));
  for (const g of counted) {
    if (seen.size >= keep) break;
    const b = bucketOf(kind, g, timeZone);
    if (seen.has(b)) continue;
    seen.add(b);
    kept.add(g.name);
  }
  const all = generations.map((g) => g.name);
  return {
    keep: all.filter((n) => kept.has(n)),
    remove: all.filter((n) => !kept.has(n)),
    future,
  };
}

/** Whether a daily or weekly generation is due now: none yet for the current zoned day / ISO week. */
export function isDue(
  kind: 'daily' | 'weekly',
  generations: readonly GenerationInfo[],
  now: Date,
  timeZone: string,
): boolean {
  const current = bucketOf(kind, { name: '', createdAt: now.toISOString() }, timeZone);
  return !generations.some((g) => bucketOf(kind, g, timeZone) === current);
}
