import { describe, expect, it } from 'vitest';
import {
  downIntervals,
  jstMonthOf,
  jstMonthRange,
  monthAvailability,
  recentJstMonths,
  thirdSundayWindow,
  type UptimeEvent,
} from './availability.js';

const MIN = 60_000;
const t = (iso: string) => Date.parse(iso);

/** Heartbeats every minute from `from` (inclusive) to `to` (exclusive). */
function beats(from: number, to: number): UptimeEvent[] {
  const out: UptimeEvent[] = [];
  for (let at = from; at < to; at += MIN) out.push({ kind: 'heartbeat', at });
  return out;
}

describe('JST months', () => {
  it('starts a month at 00:00 JST (15:00 UTC the day before)', () => {
    expect(new Date(jstMonthRange('2026-11').start).toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(new Date(jstMonthRange('2026-12').end).toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });
  it('puts 2026-11-30T15:30Z in December (JST)', () => {
    expect(jstMonthOf(t('2026-11-30T15:30:00Z'))).toBe('2026-12');
    expect(jstMonthOf(t('2026-11-30T14:59:59Z'))).toBe('2026-11');
  });
  it('lists recent months across a year end', () => {
    expect(recentJstMonths(t('2027-01-10T00:00:00Z'), 3)).toEqual(['2027-01', '2026-12', '2026-11']);
  });
});

describe('third Sunday window', () => {
  it('finds the third Sunday of the month in JST', () => {
    expect(thirdSundayWindow('2026-11').date).toBe('2026-11-15');
    expect(thirdSundayWindow('2026-03').date).toBe('2026-03-15'); // 1 March 2026 is a Sunday
    expect(thirdSundayWindow('2026-12').date).toBe('2026-12-20');
  });
  it('runs from 22:00 JST Sunday to 02:00 JST Monday', () => {
    const w = thirdSundayWindow('2026-12');
    expect(w.startsAt).toBe('2026-12-20T13:00:00.000Z');
    expect(w.endsAt).toBe('2026-12-20T17:00:00.000Z');
  });
});

describe('availability', () => {
  const month = '2026-11';
  const { start, end } = jstMonthRange(month);

  it('is 100 % with a heartbeat every minute all month', () => {
    const a = monthAvailability({ month, events: beats(start, end), maintenance: [], now: end + MIN });
    expect(a.percent).toBe(100);
    expect(a.goalMet).toBe(true);
    expect(a.measuredMs).toBe(end - start);
  });

  it('counts a gap beyond the tolerance as downtime (whole gap)', () => {
    const gapFrom = start + 10 * 24 * 60 * MIN;
    const events = [...beats(start, gapFrom), ...beats(gapFrom + 30 * MIN, end)];
    const a = monthAvailability({ month, events, maintenance: [], now: end });
    // last beat before the gap is at gapFrom - 1 min; the next at gapFrom + 30 min
    expect(a.downMs).toBe(31 * MIN);
    expect(a.percent).toBeCloseTo(100 - (31 * MIN * 100) / (end - start), 8);
    expect(a.goalMet).toBe(false);
  });

  it('does not count a gap within the tolerance', () => {
    const events = [...beats(start, start + 100 * MIN), ...beats(start + 101 * MIN, end)];
    expect(monthAvailability({ month, events, maintenance: [], now: end }).downMs).toBe(0);
  });

  it('counts the time after a stop until the next start as down', () => {
    const stopAt = start + 1000 * MIN;
    const events: UptimeEvent[] = [
      ...beats(start, stopAt),
      { kind: 'stop', at: stopAt },
      { kind: 'start', at: stopAt + 2 * MIN },
      ...beats(stopAt + 3 * MIN, end),
    ];
    expect(monthAvailability({ month, events, maintenance: [], now: end }).downMs).toBe(2 * MIN);
  });

  it('leaves announced maintenance out of both measured time and downtime', () => {
    const mStart = start + 2000 * MIN;
    const mEnd = mStart + 240 * MIN;
    const events: UptimeEvent[] = [
      ...beats(start, mStart),
      { kind: 'stop', at: mStart },
      { kind: 'start', at: mEnd - 10 * MIN },
      ...beats(mEnd - 9 * MIN, end),
    ];
    const a = monthAvailability({ month, events, maintenance: [{ start: mStart, end: mEnd }], now: end });
    expect(a.downMs).toBe(0);
    expect(a.maintenanceMs).toBe(240 * MIN);
    expect(a.measuredMs).toBe(end - start - 240 * MIN);
    expect(a.percent).toBe(100);
  });

  it('counts the part of an outage outside the window', () => {
    const mStart = start + 2000 * MIN;
    const mEnd = mStart + 60 * MIN;
    const events: UptimeEvent[] = [
      ...beats(start, mStart),
      { kind: 'stop', at: mStart },
      { kind: 'start', at: mEnd + 15 * MIN },
      ...beats(mEnd + 16 * MIN, end),
    ];
    const a = monthAvailability({ month, events, maintenance: [{ start: mStart, end: mEnd }], now: end });
    expect(a.downMs).toBe(15 * MIN);
  });

  it('measures a month in progress only up to now, and silence since the last beat as down', () => {
    const now = start + 600 * MIN;
    const events = beats(start, start + 590 * MIN);
    const a = monthAvailability({ month, events, maintenance: [], now });
    expect(a.measuredMs).toBe(600 * MIN);
    expect(a.downMs).toBe(11 * MIN);
  });

  it('does not measure time before the first event ever recorded', () => {
    const first = start + 5 * 24 * 60 * MIN;
    const a = monthAvailability({
      month,
      events: [{ kind: 'start', at: first }, ...beats(first + MIN, end)],
      maintenance: [],
      now: end,
    });
    expect(a.measuredMs).toBe(end - first);
    expect(a.percent).toBe(100);
  });

  it('says nothing for a month with no record', () => {
    const a = monthAvailability({ month: '2026-10', events: beats(start, end), maintenance: [], now: end });
    expect(a.percent).toBeNull();
  });

  it('merges overlapping down intervals', () => {
    const d = downIntervals(
      [
        { kind: 'stop', at: 0 },
        { kind: 'stop', at: 10 },
        { kind: 'start', at: 20 },
      ],
      21,
      5,
    );
    expect(d).toEqual([{ start: 0, end: 20 }]);
  });
});
