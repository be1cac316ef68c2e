import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, jsonLine } from './export.js';
import { periodToUtc, zonedDayStartUtc } from './service.js';

describe('csvCell', () => {
  it('escapes formula starts, quotes separators and line breaks, keeps numbers', () => {
    expect(csvCell('=SUM(A1)')).toBe(`'=SUM(A1)`);
    expect(csvCell('+81')).toBe(`'+81`);
    expect(csvCell('-1')).toBe(`'-1`);
    expect(csvCell('@cmd')).toBe(`'@cmd`);
    expect(csvCell('\tx')).toBe(`'\tx`);
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line1\nline2')).toBe('"line1\nline2"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    expect(csvCell('日本語')).toBe('日本語');
  });

  it('round-trips any text through a CSV parser as one row (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 5 }), (cells) => {
        const rows: string[][] = parse(csvLine(cells), {});
        expect(rows).toHaveLength(1);
        expect(rows[0]).toEqual(cells.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      }),
    );
  });
});

describe('jsonLine', () => {
  it('is one line whatever the text', () => {
    const line = jsonLine({ a: 'x\ny\r\u2028\u2029z' });
    expect(line.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(JSON.parse(line)).toEqual({ a: 'x\ny\r\u2028\u2029z' });
  });
});

describe('periods', () => {
  it('turn JST calendar dates into a half-open UTC range', () => {
    expect(zonedDayStartUtc('2026-05-02', 'Asia/Tokyo').toISOString()).toBe('2026-05-01T15:00:00.000Z');
    expect(periodToUtc('2026-05-02', '2026-05-02', 'Asia/Tokyo')).toEqual({
      fromUtc: '2026-05-01T15:00:00.000Z',
      toUtc: '2026-05-02T15:00:00.000Z',
    });
    expect(periodToUtc(undefined, '2026-12-31', 'Asia/Tokyo')).toEqual({ toUtc: '2026-12-31T15:00:00.000Z' });
    expect(() => periodToUtc('2026-05-03', '2026-05-02', 'Asia/Tokyo')).toThrow();
  });

  it('stay sound at the edges of the calendar (years 0000 to 9999), never an invalid time', () => {
    for (const tz of ['Asia/Tokyo', 'America/New_York', 'UTC']) {
      expect(periodToUtc('0000-01-01', '9999-12-31', tz)).toEqual({});
      expect(periodToUtc('0001-01-01', '1969-12-31', tz)).toEqual({ toUtc: '1970-01-01T00:00:00.000Z' });
      expect(periodToUtc('9999-12-31', undefined, tz)).toEqual({ fromUtc: '9999-12-31T23:59:59.999Z' });
    }
    expect(periodToUtc('1970-01-02', '9999-12-30', 'Asia/Tokyo')).toEqual({
      fromUtc: '1970-01-01T15:00:00.000Z',
      toUtc: '9999-12-30T15:00:00.000Z',
    });
    expect(zonedDayStartUtc('0099-03-01', 'UTC').toISOString()).toBe('0099-03-01T00:00:00.000Z');
  });

  it('follow daylight saving time elsewhere', () => {
    expect(zonedDayStartUtc('2026-07-04', 'America/New_York').toISOString()).toBe('2026-07-04T04:00:00.000Z');
    expect(periodToUtc('2026-03-08', '2026-03-08', 'America/New_York')).toEqual({
      fromUtc: '2026-03-08T05:00:00.000Z',
      toUtc: '2026-03-09T04:00:00.000Z',
    });
  });
});
