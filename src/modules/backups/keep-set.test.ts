import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDue, isoWeek, keepSet, zonedDate, type GenerationInfo } from './keep-set.js';

const TZ = 'Asia/Tokyo';
const gen = (name: string, createdAt: string): GenerationInfo => ({ name, createdAt });
const dailyAt = (isoUtc: string, name = isoUtc): GenerationInfo => gen(name, isoUtc);

describe('keep-set (pure)', () => {
  it('buckets by the JST day: 14:59:59Z and 15:00:00Z are different days', () => {
    expect(zonedDate(new Date('2026-11-20T14:59:59Z'), TZ)).toBe('2026-11-20');
    expect(zonedDate(new Date('2026-11-20T15:00:00Z'), TZ)).toBe('2026-11-21');
    const gens = [dailyAt('2026-11-20T14:59:59Z', 'a'), dailyAt('2026-11-20T15:00:00Z', 'b')];
    expect(keepSet('daily', gens, new Date('2026-11-21T00:00:00Z'), TZ).keep).toEqual(['a', 'b']);
  });

  it("counts days in the tenant's own zone when it has one", () => {
    const gens = [dailyAt('2026-11-20T14:00:00Z', 'a'), dailyAt('2026-11-20T16:00:00Z', 'b')];
    // Different JST days (23:00 and 01:00), the same day in New York (09:00 and 11:00).
    expect(keepSet('daily', gens, new Date('2026-11-21T00:00:00Z'), TZ).keep).toEqual(['a', 'b']);
    expect(keepSet('daily', gens, new Date('2026-11-21T00:00:00Z'), 'America/New_York').keep).toEqual(['b']);
  });

  it('keeps the newest of a day and 7 days in all', () => {
    const gens: GenerationInfo[] = [];
    for (let d = 1; d <= 10; d++) {
      gens.push(dailyAt(`2026-11-${String(d).padStart(2, '0')}T01:00:00Z`, `d${d}-early`));
      gens.push(dailyAt(`2026-11-${String(d).padStart(2, '0')}T05:00:00Z`, `d${d}-late`));
    }
    const k = keepSet('daily', gens, new Date('2026-11-10T06:00:00Z'), TZ);
    expect(k.keep).toEqual(['d4-late', 'd5-late', 'd6-late', 'd7-late', 'd8-late', 'd9-late', 'd10-late']);
    expect(k.remove).toHaveLength(13);
  });

  it('missed days and failed runs never shrink the history below 7 generations', () => {
    // Only days 1, 2, 3 and 20–23 have (successful) generations: all 7 stay, however old.
    const days = [1, 2, 3, 20, 21, 22, 23];
    const gens = days.map((d) => dailyAt(`2026-10-${String(d).padStart(2, '0')}T03:00:00Z`, `d${d}`));
    const k = keepSet('daily', gens, new Date('2026-11-20T00:00:00Z'), TZ);
    expect(k.keep).toHaveLength(7);
    expect(k.remove).toEqual([]);
  });

  it('weekly generations: ISO weeks in JST, 3 kept', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2026-11-29')).toBe('2026-W48'); // a Sunday
    expect(isoWeek('2026-11-30')).toBe('2026-W49'); // Monday
    // Sunday 2026-11-29 15:30Z is Monday 00:30 JST: a new ISO week in Japan.
    const gens = ['2026-11-08', '2026-11-15', '2026-11-22', '2026-11-29'].map((d) =>
      dailyAt(`${d}T03:00:00Z`, d),
    );
    gens.push(dailyAt('2026-11-29T15:30:00Z', 'monday-jst'));
    const k = keepSet('weekly', gens, new Date('2026-11-30T00:00:00Z'), TZ);
    expect(k.keep).toEqual(['2026-11-22', '2026-11-29', 'monday-jst']);
  });

  it('clock set back: the generation just made is never removed, future-dated ones are kept and reported', () => {
    const gens = [1, 2, 3, 4, 5, 6, 7].map((d) => dailyAt(`2026-11-0${d}T03:00:00Z`, `d${d}`));
    gens.push(dailyAt('2026-10-15T03:00:00Z', 'new-after-clock-went-back'));
    const k = keepSet('daily', gens, new Date('2026-10-15T03:00:01Z'), TZ, 7, 'new-after-clock-went-back');
    expect(k.keep).toContain('new-after-clock-went-back');
    expect(k.future).toHaveLength(7);
    expect(k.remove).toEqual([]);
  });

  it('is due once per JST day / ISO week', () => {
    const g = [dailyAt('2026-11-20T14:00:00Z', 'a')];
    expect(isDue('daily', g, new Date('2026-11-20T14:59:00Z'), TZ)).toBe(false);
    expect(isDue('daily', g, new Date('2026-11-20T15:00:00Z'), TZ)).toBe(true);
    expect(isDue('weekly', g, new Date('2026-11-21T00:00:00Z'), TZ)).toBe(false);
    expect(isDue('weekly', [], new Date('2026-11-21T00:00:00Z'), TZ)).toBe(true);
  });

  it('properties: never removes the protected one, keeps ≤ N buckets plus it, one per bucket, newest per bucket', () => {
    const base = Date.UTC(2026, 0, 1);
    const arb = fc.uniqueArray(fc.integer({ min: 0, max: 90 * 24 * 60 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(
        arb,
        fc.integer({ min: 1, max: 8 }),
        fc.nat(),
        fc.integer({ min: 0, max: 100 }),
        (mins, n, pick, nowDays) => {
          const gens = mins.map((m, i) => gen(`g${i}`, new Date(base + m * 60_000).toISOString()));
          const protect = gens[pick % gens.length]!.name;
          const now = new Date(base + nowDays * 86_400_000);
          const k = keepSet('daily', gens, now, TZ, n, protect);
          expect(k.keep).toContain(protect);
          expect(new Set([...k.keep, ...k.remove]).size).toBe(gens.length);
          const counted = gens.filter((g) => k.keep.includes(g.name) && !k.future.includes(g.name));
          const buckets = counted.map((g) => zonedDate(new Date(g.createdAt), TZ));
          expect(new Set(buckets).size).toBe(buckets.length);
          expect(buckets.length).toBeLessThanOrEqual(n);
          // With nothing dated in the future, at least min(N, distinct days) are kept.
          const distinct = new Set(
            gens.filter((g) => !k.future.includes(g.name)).map((g) => zonedDate(new Date(g.createdAt), TZ)),
          ).size;
          expect(buckets.length).toBeGreaterThanOrEqual(Math.min(n, distinct));
        },
      ),
      { numRuns: 300 },
    );
  });
});
