import { describe, expect, it } from 'vitest';
import { asciiFileName, contentDisposition, safeFileName } from './download.js';

describe('contentDisposition (RFC 6266)', () => {
  it('sends an ASCII name once, a Japanese one as filename* with an ASCII stand-in', () => {
    expect(contentDisposition('yosan-users-ja.csv')).toBe('attachment; filename="yosan-users-ja.csv"');
    expect(contentDisposition('売上計画_営業部_20270415.xlsx', 'SALES_PLAN_SALES_20270415.xlsx')).toBe(
      `attachment; filename="SALES_PLAN_SALES_20270415.xlsx"; filename*=UTF-8''${encodeURIComponent('売上計画_営業部_20270415.xlsx')}`,
    );
    // No stand-in given: non-ASCII runs become one underscore; RFC 8187 escapes ' ( ) * too.
    expect(contentDisposition("P&L (本社)'s *2027*.csv")).toBe(
      `attachment; filename="P&L (_)'s _2027_.csv"; filename*=UTF-8''P%26L%20%28%E6%9C%AC%E7%A4%BE%29%27s%20_2027_.csv`,
    );
    expect(contentDisposition('売上.csv')).toMatch(
      /^attachment; filename="download\.csv"; filename\*=UTF-8''/,
    );
  });

  it('makes names safe: no path, quote, control or reserved characters, at most 150 characters', () => {
    expect(safeFileName('a/b\\c:"d"<e>|f?g*\r\nh.csv')).toBe('a_b_c__d__e__f_g___h.csv');
    const long = safeFileName(`${'予'.repeat(200)}.xlsx`);
    expect([...long]).toHaveLength(150);
    expect(long.endsWith('.xlsx')).toBe(true);
    expect(asciiFileName('"x".csv')).toBe('_x_.csv');
  });
});
