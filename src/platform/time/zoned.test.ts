import { describe, expect, it } from 'vitest';
import { formatInZone, isCalendarDate, isValidTimeZone, offsetMinutes } from './zoned.js';

describe('formatInZone', () => {
  it('shows Asia/Tokyo at +09:00, moving to the next day across UTC midnight', () => {
    expect(formatInZone('2026-11-25T00:00:00.000Z', 'Asia/Tokyo')).toBe('2026-11-25T09:00:00.000+09:00');
    expect(formatInZone('2026-12-31T15:30:45.123Z', 'Asia/Tokyo')).toBe('2027-01-01T00:30:45.123+09:00');
    expect(formatInZone(new Date('2026-02-28T14:59:59.999Z'), 'Asia/Tokyo')).toBe(
      '2026-02-28T23:59:59.999+09:00',
    );
  });

  it('defaults to Asia/Tokyo and accepts epoch milliseconds', () => {
    expect(formatInZone(Date.UTC(2026, 0, 1, 0, 0, 0, 7))).toBe('2026-01-01T09:00:00.007+09:00');
  });

  it('shows UTC at +00:00', () => {
    expect(formatInZone('2026-11-25T23:59:59.500Z', 'UTC')).toBe('2026-11-25T23:59:59.500+00:00');
  });

  it('follows daylight saving time in America/New_York', () => {
    expect(formatInZone('2026-07-04T16:00:00.000Z', 'America/New_York')).toBe(
      '2026-07-04T12:00:00.000-04:00',
    );
    expect(formatInZone('2026-01-15T03:00:00.250Z', 'America/New_York')).toBe(
      '2026-01-14T22:00:00.250-05:00',
    );
    expect(offsetMinutes(new Date('2026-07-04T16:00:00Z'), 'America/New_York')).toBe(-240);
    expect(offsetMinutes(new Date('2026-01-15T03:00:00Z'), 'America/New_York')).toBe(-300);
  });

  it('is exact at the moment daylight saving time starts and ends', () => {
    expect(formatInZone('2026-03-08T06:59:59.999Z', 'America/New_York')).toBe(
      '2026-03-08T01:59:59.999-05:00',
    );
    expect(formatInZone('2026-03-08T07:00:00.000Z', 'America/New_York')).toBe(
      '2026-03-08T03:00:00.000-04:00',
    );
    // The repeated hour in November: same wall time, different offsets.
    expect(formatInZone('2026-11-01T05:30:00.000Z', 'America/New_York')).toBe(
      '2026-11-01T01:30:00.000-04:00',
    );
    expect(formatInZone('2026-11-01T06:30:00.000Z', 'America/New_York')).toBe(
      '2026-11-01T01:30:00.000-05:00',
    );
  });

  it('handles zones with a half-hour offset', () => {
    expect(formatInZone('2026-06-01T00:00:00.000Z', 'Asia/Kolkata')).toBe('2026-06-01T05:30:00.000+05:30');
  });
});

describe('isValidTimeZone', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
  });
});

describe('isCalendarDate', () => {
  it('accepts real dates, leap days included', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-12-31')).toBe(true);
  });

  it('refuses impossible dates and other shapes', () => {
    for (const v of ['2023-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-1', '20260101', '']) {
      expect(isCalendarDate(v), v).toBe(false);
    }
  });
});
