import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv } from './decode.js';
import { csvContentType, encodeCsv, toSjisText } from './encoding.js';
import { escapeFormula, toCsv } from './export.js';
import { parseCsvTable } from './table.js';

describe('decodeCsv', () => {
  it('detects UTF-8 with BOM, UTF-8 and Shift_JIS (CP932), and refuses anything else', () => {
    const text = '氏名\n山田 太郎,経理部,髙橋①\n';
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
    expect(decodeCsv(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(iconv.encode(text, 'cp932'))).toEqual({ text, encoding: 'shift_jis' });
    expect(() => decodeCsv(Buffer.from([0x82, 0xff, 0x80]))).toThrow('CSV_UNREADABLE');
    expect(() => decodeCsv(Buffer.from('a\u0000b'))).toThrow('CSV_UNREADABLE');
  });
});

describe('CSV export', () => {
  it('escapes formula-looking cells', () => {
    for (const cell of ['=1+1', '+81 3', '-2', '@SUM(A1)', '\t=x'])
      expect(escapeFormula(cell)).toBe(`'${cell}`);
    expect(escapeFormula('山田 太郎')).toBe('山田 太郎');
    const csv = toCsv([
      ['a', '=HYPERLINK("x")'],
      ['改行\nあり', 'b'],
    ]).toString('utf8');
    expect(csv).toBe('\uFEFFa,"\'=HYPERLINK(""x"")"\r\n"改行\nあり",b\r\n');
  });
});

describe('parseCsvTable', () => {
  const cols = [
    { key: 'email', names: ['email', 'メールアドレス'], required: true },
    { key: 'name', names: ['name', '氏名'], required: true },
  ] as const;
  it('maps ja or en headers in any order and keeps newlines in quoted cells', () => {
    const t = parseCsvTable('氏名,EMAIL\n"山田\n太郎",a@example.jp\n,\n', cols, 10);
    expect(t.rows).toEqual([{ name: '山田\n太郎', email: 'a@example.jp' }]);
  });
  it('names the problem of a bad file', () => {
    const code = (text: string) => {
      try {
        parseCsvTable(text, cols, 1);
        return 'none';
      } catch (e) {
        return (e as { code: string }).code;
      }
    };
    expect(code('')).toBe('CSV_EMPTY');
    expect(code('email,name\n')).toBe('CSV_EMPTY');
    expect(code('a@example.jp,x\n')).toBe('CSV_HEADER_MISSING');
    expect(code('email,name,email\n')).toBe('CSV_COLUMNS_UNKNOWN');
    expect(code('email\na\n')).toBe('CSV_COLUMNS_MISSING');
    expect(code('email,name\na,b\nc,d\n')).toBe('CSV_TOO_MANY_ROWS');
    expect(code('email,name\na\n')).toBe('CSV_ROW_COLUMNS');
    expect(code('email,name\n"a,b\n')).toBe('CSV_MALFORMED');
  });
});

describe('CSV encodings', () => {
  it('writes UTF-8 with BOM or Shift_JIS (CP932) without BOM, CRLF, numbers unescaped', () => {
    const rows = [
      ['単位：千円'],
      ['コード', '勘定科目', '2027年4月'],
      ['NET_SALES', '売上高', -1234.5],
      ['X', '髙橋①〜−—', null],
    ];
    const utf8 = toCsv(rows);
    expect([...utf8.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8.subarray(3).toString('utf8')).toBe(
      '単位：千円\r\nコード,勘定科目,2027年4月\r\nNET_SALES,売上高,-1234.5\r\nX,髙橋①〜−—,\r\n',
    );
    const sjis = toCsv(rows, 'sjis');
    expect(sjis[0]).not.toBe(0xef);
    // Look-alikes as their CP932 twins (～ － ―), so Excel shows them.
    expect(iconv.decode(sjis, 'cp932')).toBe(
      '単位：千円\r\nコード,勘定科目,2027年4月\r\nNET_SALES,売上高,-1234.5\r\nX,髙橋①～－―,\r\n',
    );
    expect(sjis.equals(iconv.encode(iconv.decode(sjis, 'cp932'), 'cp932'))).toBe(true);
  });

  it('writes 〓 for what CP932 cannot hold, and counts it', () => {
    expect(toSjisText('𠮷野家😀 café ok')).toEqual({ text: '〓野家〓 caf〓 ok', replaced: 3 });
    expect(toSjisText('〓 ascii')).toEqual({ text: '〓 ascii', replaced: 0 });
    expect(iconv.decode(encodeCsv('𠮷', 'sjis'), 'cp932')).toBe('〓');
    expect(csvContentType('sjis')).toBe('text/csv; charset=Shift_JIS');
    expect(csvContentType()).toBe('text/csv; charset=utf-8');
  });
});
