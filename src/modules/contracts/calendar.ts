import { formatInZone } from '../../platform/time/zoned.js';

/**
 * The contract calendar, as pure functions of dates (YYYY-MM-DD in the tenant's zone):
 * reminders 30 and 7 days before the end date, closing the day after it, and the
 * deadline for the last copies (backup generations) 30 days after it.
 */

export const REMINDER_DAYS = [30, 7] as const;
export type ReminderKind = `${(typeof REMINDER_DAYS)[number]}d`;
/** Backup generations are gone no later than this many days after the end date. */
export const BACKUP_DEADLINE_DAYS = 30;
/** Days an export stays downloadable. */
export const EXPORT_DAYS = 7;

/** The calendar date of `now` in `timeZone`. */
export function dateIn(now: Date, timeZone: string): string {
  return formatInZone(now, timeZone).slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The reminder due on `today` for a contract ending on `end`, if any. A run that was
 * missed is caught up: the 30-day reminder is due from 30 down to 8 days before, the
 * 7-day one from 7 days before until the end date (each is sent once; the caller records it).
 */
export function reminderDue(end: string, today: string): ReminderKind | null {
  const left = daysBetween(today, end);
  if (left < 0) return null;
  if (left <= 7) return '7d';
  if (left <= 30) return '30d';
  return null;
}

/** The day the tenant is closed and its live data deleted: the day after the end date. */
export function closingDay(end: string): string {
  return addDays(end, 1);
}

export function isClosingDue(end: string, today: string): boolean {
  return today >= closingDay(end);
}

export function backupDeadline(end: string): string {
  return addDays(end, BACKUP_DEADLINE_DAYS);
}
