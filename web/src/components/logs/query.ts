import type { LogName } from './types.js';

/** The filters each log accepts (query-string names of the API), in the order the form shows them. */
export const FILTERS: Record<LogName, readonly string[]> = {
  operations: ['user', 'action', 'target', 'result'],
  logins: ['user', 'action', 'result'],
  access: ['user', 'method', 'route', 'status'],
  errors: ['refId', 'code', 'user'],
};

export type Filters = Record<string, string>;

/** The filters of `log` found in the page URL (`?log=logins&from=2026-11-24&…`), empty ones dropped. */
export function filtersFrom(params: URLSearchParams, log: LogName): Filters {
  const out: Filters = {};
  for (const name of ['from', 'to', ...FILTERS[log]]) {
    const value = params.get(name)?.trim();
    if (value) out[name] = value;
  }
  return out;
}

/** The API query string for `filters` (plus paging / format extras), in a stable order. */
export function apiQuery(log: LogName, filters: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const name of ['from', 'to', ...FILTERS[log]]) {
    const value = filters[name]?.trim();
    if (value) q.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) q.set(name, value);
  return q.toString();
}

/**
 * A reference id as people paste it from an error page or a mail: without the
 * 「参照番号: 」/ "Reference: " label, brackets, quotes or surrounding spaces.
 */
export function cleanRefId(value: string): string {
  return value
    .trim()
    .replace(/^(?:reference(?:\s*id)?|ref(?:erence)?\.?|参照番号|参照ID)\s*[:：]?\s*/i, '')
    .replace(/^[\s"'「『(（[]+|[\s"'」』)）\]。.]+$/g, '')
    .trim();
}

/** Today's calendar date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` (YYYY-MM-DD) plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export type QuickPick = 'today' | 'yesterday' | 'last7';
export const QUICK_PICKS: readonly QuickPick[] = ['today', 'yesterday', 'last7'];

/** The from / to dates (inclusive, in the tenant's zone) of a quick pick. */
export function quickPeriod(
  pick: QuickPick,
  timeZone: string,
  now: Date = new Date(),
): { from: string; to: string } {
  const today = todayIn(timeZone, now);
  if (pick === 'today') return { from: today, to: today };
  if (pick === 'yesterday') {
    const yesterday = addDays(today, -1);
    return { from: yesterday, to: yesterday };
  }
  return { from: addDays(today, -6), to: today };
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const ZONES: Record<string, string> = { '+09:00': 'JST', Z: 'UTC', '+00:00': 'UTC' };

/** `2026-11-25T09:00:01.123+09:00` → `2026-11-25 09:00:01 (JST)`: as written, never converted. */
export function formatLogTime(value: string): string {
  const m = ISO.exec(value.trim());
  if (!m) return value;
  const [, date, time, offset = ''] = m;
  return `${date} ${time} (${ZONES[offset] ?? `UTC${offset}`})`;
}
