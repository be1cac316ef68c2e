/**
 * Times are stored in UTC (ISO strings ending in `Z`) and shown in a tenant's
 * zone as ISO 8601 with the zone's offset, e.g. `2026-11-25T09:00:00.000+09:00`.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The UTC instant of a wall-clock time read as UTC (month 1-12; out-of-range days and hours roll
 * over). Unlike `Date.UTC`, years 0-99 are those years, not 1900-1999.
 */
export function utcMillis(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** Offset of `timeZone` from UTC at `date`, in minutes (Asia/Tokyo: +540). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const asUtc = utcMillis(
    Number(parts.year),
    Number(parts.month),
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const wholeSeconds = Math.floor(date.getTime() / 1000) * 1000;
  return Math.round((asUtc - wholeSeconds) / 60000);
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/** ISO 8601 in the zone, with milliseconds and numeric offset. */
export function formatInZone(input: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const date = input instanceof Date ? input : new Date(input);
  const off = offsetMinutes(date, timeZone);
  const local = new Date(date.getTime() + off * 60000);
  const sign = off >= 0 ? '+' : '-';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

/** Current time as a UTC ISO string, the storage form. */
export function nowUtc(clock: () => Date = () => new Date()): string {
  return clock().toISOString();
}

/** Strict YYYY-MM-DD calendar date check. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(value);
}

/** For people (e-mails, CLI): `2026-11-29 06:00 (JST)`, or `(UTC+05:30)` outside Japan. */
export function formatForPeople(input: Date | string | number, timeZone: string = DEFAULT_TIME_ZONE): string {
  const iso = formatInZone(input, timeZone);
  const offset = iso.slice(23);
  const label = timeZone === 'Asia/Tokyo' ? 'JST' : `UTC${offset}`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (${label})`;
}
