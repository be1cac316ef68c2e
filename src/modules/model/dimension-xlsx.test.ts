import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { Dimension } from '../../engine/index.js';
import { decodeCsv } from '../../platform/csv/decode.js';
import { AppError } from '../../platform/errors/app-error.js';
import { exportDimension, parseDimensionCsv, planImport } from './dimension-csv.js';
import { applyChanges } from './dimension-ops.js';
import { exportDimensionXlsx, parseDimensionXlsx, sheetName } from './dimension-xlsx.js';
import { presentDimension } from './dimension-service.js';

function sample(): Dimension {
  const d = new Dimension('Dept');
  applyChanges(d, [
    { op: 'add', code: 'ALL', nameJa: '全社', nameEn: 'Company' },
    { op: 'add', code: 'SALES', nameJa: '営業本部', nameEn: 'Sales', parent: 'ALL' },
    { op: 'add', code: '001', nameJa: '第一営業部（東京）', nameEn: 'Sales 1', parent: 'SALES' },
    { op: 'add', code: 'S2', nameJa: '第二営業部', nameEn: 'Sales 2', parent: 'SALES', weight: 0.5 },
    { op: 'add', code: 'HR', nameJa: '人事部', nameEn: 'HR', parent: 'ALL', weight: -1 },
    { op: 'add', code: 'EAST', nameJa: '東日本', nameEn: 'East' },
    { op: 'link', parent: 'EAST', child: '001', weight: 0.25 },
  ]);
  return d;
}

const empty = () => new Dimension('Dept');

async function workbook(rows: ExcelJS.CellValue[][], build?: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  build?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('dimension .xlsx', () => {
  it('exports a real workbook: header in the language, text codes, number weights, frozen header', async () => {
    const bytes = await exportDimensionXlsx(sample(), 'Dept', 'ja');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Dept')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'コード',
      '名前（日本語）',
      '名前（英語）',
      '親',
      'ウェイト',
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    const rows = ws.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r.slice(1))).toContainEqual(['S2', '第二営業部', 'Sales 2', 'SALES', 0.5]);
    expect(rows.map((r) => r.slice(1))).toContainEqual([
      '001',
      '第一営業部（東京）',
      'Sales 1',
      'EAST',
      0.25,
    ]);
    expect(typeof ws.getCell('A3').value).toBe('string');
    expect(ws.getCell('A3').numFmt).toBe('@');
  });

  it('round-trips: export → import into the same dimension is unchanged, into an empty one rebuilds it', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const d = sample();
      const bytes = await exportDimensionXlsx(d, 'Dept', lang);
      const same = planImport(d, await parseDimensionXlsx(bytes), 'ja');
      expect(same.every((r) => r.outcome === 'unchanged')).toBe(true);
      const fresh = empty();
      const rebuilt = planImport(fresh, await parseDimensionXlsx(bytes), 'en');
      expect(rebuilt.filter((r) => r.outcome === 'error')).toEqual([]);
      expect(presentDimension(fresh)).toEqual(presentDimension(d));
    }
  });

  it('reads the CSV and the .xlsx export into the same table (Shift_JIS CSV still works)', async () => {
    const d = sample();
    const csv = iconv.encode(
      exportDimension(d, 'ja')
        .toString('utf8')
        .replace(/^\ufeff/, ''),
      'cp932',
    );
    const { text, encoding } = decodeCsv(csv);
    expect(encoding).toBe('shift_jis');
    const fromCsv = parseDimensionCsv(text).table.rows;
    const fromXlsx = (await parseDimensionXlsx(await exportDimensionXlsx(d, 'Dept', 'ja'))).table.rows;
    expect(fromXlsx).toEqual(fromCsv);
    // The CSV export (negative weights are written '-1 against formula injection) reads back unchanged too.
    expect(planImport(d, parseDimensionCsv(text), 'ja').every((r) => r.outcome === 'unchanged')).toBe(true);
  });

  it('turns numbers and dates in code cells into the text a user sees, and takes formulas by their saved value', async () => {
    const bytes = await workbook(
      [
        ['code', 'name_ja', 'name_en', 'parent', 'weight'],
        [123, '数値コード', 'Number', null, null],
        [7, 'ゼロ埋め', 'Zero padded', null, null],
        [new Date(Date.UTC(2026, 3, 1)), '日付', 'Date', null, null],
        [
          { formula: 'A2&"X"', result: '123X' },
          { richText: [{ text: '太' }, { text: '字' }] },
          'F',
          123,
          { formula: '1/4', result: 0.25 },
        ],
        ['NOVAL', 'a', 'b', null, { formula: 'B1*2' }],
        ['ERR', 'a', 'b', { error: '#N/A' }, null],
        [null, null, null, null, null],
        ['TRUE1', 'x', 'y', null, 0.1 + 0.2],
      ],
      (ws) => {
        ws.getCell('A3').numFmt = '0000';
      },
    );
    const t = await parseDimensionXlsx(bytes);
    expect(t.table.rows.map((r) => r.code)).toEqual([
      '123',
      '0007',
      '2026-04-01',
      '123X',
      'NOVAL',
      'ERR',
      'TRUE1',
    ]);
    expect(t.table.rows[3]).toMatchObject({ nameJa: '太字', parent: '123', weight: '0.25' });
    expect(t.table.rows[6]?.weight).toBe('0.3');
    const rows = planImport(empty(), t, 'ja');
    expect(rows.map((r) => [r.row, r.outcome, r.errors.map((e) => `${e.column}:${e.code}`)])).toEqual([
      [1, 'new', []],
      [2, 'new', []],
      [3, 'new', []],
      [4, 'new', []],
      [5, 'error', ['weight:formula_no_value']],
      [6, 'error', ['parent:cell_error']],
      [7, 'new', []],
    ]);
    expect(rows[4]?.errors[0]?.message).toContain('=B1*2');
    expect(planImport(empty(), t, 'en')[5]?.errors[0]?.message).toBe('This cell shows an error (#N/A).');
  });

  it('finds the sheet with the header (any position) and refuses bad files with a clear error, never a crash', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('メモ').addRow(['説明だけのシート']);
    const ws = wb.addWorksheet('要素');
    ws.addRow([]);
    ws.addRow(['コード', '名前（日本語）', '名前（英語）']);
    ws.addRow(['A', 'あ', 'a']);
    const found = await parseDimensionXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(found.table.rows).toEqual([{ code: 'A', nameJa: 'あ', nameEn: 'a' }]);

    const noSheet = await workbook([
      ['foo', 'bar'],
      ['1', '2'],
    ]);
    expect(await codeOf(parseDimensionXlsx(noSheet))).toBe('XLSX_SHEET_NOT_FOUND');
    expect(await codeOf(parseDimensionXlsx(Buffer.from('code,name_ja\nA,あ\n')))).toBe('XLSX_UNREADABLE');
    const good = await exportDimensionXlsx(sample(), 'Dept', 'en');
    expect(await codeOf(parseDimensionXlsx(good.subarray(0, good.length / 2)))).toBe('XLSX_UNREADABLE');
    const garbled = Buffer.from(good);
    for (let i = 200; i < garbled.length - 200; i += 7) garbled[i] = (garbled[i] ?? 0) ^ 0x5a;
    expect(await codeOf(parseDimensionXlsx(garbled))).toBe('XLSX_UNREADABLE');
    const xls = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    expect(await codeOf(parseDimensionXlsx(xls))).toBe('XLSX_UNREADABLE');
    // A zip that is not a workbook, and one declaring a huge unpacked size.
    const zip = async (name: string, data: Buffer) => {
      const z = new yazl.ZipFile();
      z.addBuffer(data, name);
      z.end();
      const chunks: Buffer[] = [];
      for await (const c of z.outputStream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    };
    expect(await codeOf(parseDimensionXlsx(await zip('hello.txt', Buffer.from('hi'))))).toBe(
      'XLSX_UNREADABLE',
    );
    expect(
      await codeOf(parseDimensionXlsx(await zip('xl/workbook.xml', Buffer.alloc(70 * 1024 * 1024)))),
    ).toBe('XLSX_TOO_LARGE');
  });

  it('names the sheet after the code as Excel allows', () => {
    expect(sheetName('売上/計画[2026]')).toBe('売上_計画_2026_');
    expect(sheetName('x'.repeat(40))).toHaveLength(31);
  });
});
