import { describe, expect, it } from 'vitest';
import { fill, parsePasted, parseTsv, placeBlock } from './gridPaste.js';

describe('grid paste', () => {
  it('reads Excel clipboard text: tabs, CRLF, the trailing newline and quoted cells', () => {
    expect(parseTsv('1,234\t２\r\n3\t4\r\n')).toEqual([
      ['1,234', '２'],
      ['3', '4'],
    ]);
    expect(parseTsv('"a\tb"\t"say ""hi""\nthere"\n')).toEqual([['a\tb', 'say "hi"\nthere']]);
    expect(parseTsv('5')).toEqual([['5']]);
    expect(parseTsv('\t\n')).toEqual([['', '']]);
    expect(parseTsv('')).toEqual([]);
  });

  it('reads Japanese number formats and negatives', () => {
    expect(parsePasted('1,234')).toBe(1234);
    expect(parsePasted('１２３')).toBe(123);
    expect(parsePasted('▲100')).toBe(-100);
    expect(parsePasted('△1,000')).toBe(-1000);
    expect(parsePasted('(100)')).toBe(-100);
    expect(parsePasted('（１００）')).toBe(-100);
    expect(parsePasted('￥1,234')).toBe(1234);
    expect(parsePasted(' ')).toBeNull();
    expect(parsePasted('abc')).toBeUndefined();
    expect(parsePasted('(abc)')).toBeUndefined();
  });

  it('places a block from the top-left, counts cells beyond the grid, fills a selection with one value', () => {
    const block = [
      ['1', '2'],
      ['3', '4'],
    ];
    expect(placeBlock(block, { y: 1, x: 1, y1: 1, x1: 1 }, 3, 3)).toEqual({
      cells: [
        { y: 1, x: 1, text: '1' },
        { y: 1, x: 2, text: '2' },
        { y: 2, x: 1, text: '3' },
        { y: 2, x: 2, text: '4' },
      ],
      outside: 0,
    });
    expect(placeBlock(block, { y: 2, x: 2, y1: 2, x1: 2 }, 3, 3).outside).toBe(3);
    expect(placeBlock([['7']], { y: 0, x: 0, y1: 1, x1: 1 }, 3, 3).cells).toHaveLength(4);
  });

  it('fills down and right like Excel', () => {
    const text = (y: number, x: number) => `${y}/${x}`;
    expect(fill('down', { y: 0, x: 0, y1: 2, x1: 0 }, text)).toEqual([
      { y: 1, x: 0, text: '0/0' },
      { y: 2, x: 0, text: '0/0' },
    ]);
    expect(fill('down', { y: 3, x: 1, y1: 3, x1: 1 }, text)).toEqual([{ y: 3, x: 1, text: '2/1' }]);
    expect(fill('right', { y: 0, x: 0, y1: 0, x1: 1 }, text)).toEqual([{ y: 0, x: 1, text: '0/0' }]);
    expect(fill('down', { y: 0, x: 0, y1: 0, x1: 0 }, text)).toEqual([]);
  });
});
