import { describe, expect, it } from 'vitest';
import { addDays, backupDeadline, closingDay, dateIn, isClosingDue, reminderDue } from './calendar.js';

describe('contract calendar', () => {
  it('takes the date in the tenant zone (JST midnight boundary)', () => {
    expect(dateIn(new Date('2026-03-31T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-03-31');
    expect(dateIn(new Date('2026-03-31T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-04-01');
    expect(dateIn(new Date('2026-03-31T15:00:00Z'), 'UTC')).toBe('2026-03-31');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(closingDay('2026-03-31')).toBe('2026-04-01');
    expect(backupDeadline('2026-03-31')).toBe('2026-04-30');
  });

  it('is due for the 30-day reminder from 30 to 8 days before, the 7-day one from 7 days to the end', () => {
    const end = '2026-03-31';
    expect(reminderDue(end, '2026-02-28')).toBeNull(); // 31 days before
    expect(reminderDue(end, '2026-03-01')).toBe('30d');
    expect(reminderDue(end, '2026-03-23')).toBe('30d'); // 8 days before (a missed run caught up)
    expect(reminderDue(end, '2026-03-24')).toBe('7d');
    expect(reminderDue(end, '2026-03-31')).toBe('7d');
    expect(reminderDue(end, '2026-04-01')).toBeNull();
  });

  it('closes on the day after the end date, not on it', () => {
    expect(isClosingDue('2026-03-31', '2026-03-31')).toBe(false);
    expect(isClosingDue('2026-03-31', '2026-04-01')).toBe(true);
    expect(isClosingDue('2026-03-31', '2026-05-01')).toBe(true);
  });
});
