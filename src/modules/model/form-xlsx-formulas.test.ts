import { describe, expect, it } from 'vitest';
import type { OpenFormResponse } from './form-schemas.js';
import { columnLetters, gridFormulas, type ChildrenOf } from './form-xlsx-formulas.js';

type Member = OpenFormResponse['rows'][number];
const m = (code: string, leaf = true, computed?: Member['computed']): Member => ({
  code,
  name: { ja: code, en: code },
  depth: 0,
  leaf,
  rollup: [],
  ...(computed ? { computed } : {}),
});
const tree =
  (links: Record<string, [string, number][]>): ChildrenOf =>
  (code) =>
    (links[code] ?? []).map(([c, weight]) => ({ code: c, weight }));
const none: ChildrenOf = () => [];

describe('columnLetters', () => {
  it('counts A…Z, AA…', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703].map(columnLetters)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('gridFormulas', () => {
  // Rows (sheet rows 3…): T = A + B + C, P = A − B, W = 0.5 A + 2 C (B skipped: zeros).
  const rows = [m('A'), m('B'), m('C'), m('T', false), m('P', false), m('W', false)];
  const links = tree({
    T: [
      ['A', 1],
      ['B', 1],
      ['C', 1],
    ],
    P: [
      ['A', 1],
      ['B', -1],
    ],
    W: [
      ['A', 0.5],
      ['C', 2],
    ],
  });
  const values = (a: number, b: number, c: number) => [
    [a],
    [b],
    [c],
    [a + b + c],
    [a - b],
    [0.5 * a + 2 * c],
  ];

  it('writes SUM for +1 weights, B3+B4-B5 for ±1 and SUMPRODUCT with zeros for the rest', () => {
    const f = gridFormulas({ rows, columns: [m('X')], values: values(1, 2, 3) }, links, none, 3, 2);
    expect(f).toEqual([[null], [null], [null], ['SUM(B3:B5)'], ['B3-B4'], ['SUMPRODUCT(B3:B5,{0.5;0;2})']]);
  });

  it('puts additions before subtractions (ACTUAL − BUDGET with BUDGET first on the sheet)', () => {
    const f = gridFormulas(
      { rows: [m('BUDGET'), m('ACTUAL'), m('VARIANCE', false)], columns: [m('X')], values: [[5], [8], [3]] },
      tree({
        VARIANCE: [
          ['BUDGET', -1],
          ['ACTUAL', 1],
        ],
      }),
      none,
      3,
      2,
    );
    expect(f[2]).toEqual(['B4-B3']);
  });

  it('goes down through children not on the sheet, runs of neighbours as ranges', () => {
    const shown = [m('A'), m('X'), m('C1'), m('C2'), m('T', false)];
    const f = gridFormulas(
      { rows: shown, columns: [m('M')], values: [[1], [9], [2], [3], [6]] },
      tree({
        T: [
          ['A', 1],
          ['C', 1],
        ],
        C: [
          ['C1', 1],
          ['C2', 1],
        ],
      }),
      none,
      10,
      4,
    );
    expect(f[4]).toEqual(['SUM(D10,D12:D13)']);
  });

  it('sums along the columns (horizontal constants), rows first for a cell total both ways', () => {
    const columns = [m('M1'), m('M2'), m('Q', false)];
    const cols = tree({
      Q: [
        ['M1', 1],
        ['M2', 0.25],
      ],
    });
    const f = gridFormulas(
      {
        rows: [m('A'), m('B'), m('T', false)],
        columns,
        values: [
          [1, 4, 2],
          [2, 8, 4],
          [3, 12, 6],
        ],
      },
      tree({
        T: [
          ['A', 1],
          ['B', 1],
        ],
      }),
      cols,
      2,
      2,
    );
    expect(f).toEqual([
      [null, null, 'SUMPRODUCT(B2:C2,{1,0.25})'],
      [null, null, 'SUMPRODUCT(B3:C3,{1,0.25})'],
      ['SUM(B2:B3)', 'SUM(C2:C3)', 'SUM(D2:D3)'],
    ]);
  });

  it('keeps the value when a source is hidden, missing, or the sum is not the cell (a rule)', () => {
    const base = { rows, columns: [m('X')] };
    // B hidden from the user: T and P keep their values; W does not need B.
    const hidden = values(1, 2, 3).map((line, i) => (i === 1 ? [null] : line));
    expect(gridFormulas({ ...base, values: hidden }, links, none, 3, 2).map((l) => l[0])).toEqual([
      null,
      null,
      null,
      null,
      null,
      'SUMPRODUCT(B3:B5,{0.5;0;2})',
    ]);
    // A child not on the sheet (a leaf): no formula.
    const partial = gridFormulas(
      { rows: [m('A'), m('T', false)], columns: [m('X')], values: [[1], [6]] },
      links,
      none,
      3,
      2,
    );
    expect(partial).toEqual([[null], [null]]);
    // A total that is not the sum of its children (a cube rule): no formula.
    const ruled = values(1, 2, 3);
    ruled[3] = [100];
    expect(gridFormulas({ ...base, values: ruled }, links, none, 3, 2)[3]).toEqual([null]);
  });

  it('writes report variances from their sources on the same line', () => {
    const columns = [
      m('BUD'),
      m('ACT'),
      m('DIFF', true, { kind: 'difference', of: 'ACT', base: 'BUD' }),
      m('PCT', true, { kind: 'ratio', of: 'ACT', base: 'BUD' }),
      m('GONE', true, { kind: 'difference', of: 'ACT', base: 'FORECAST' }),
    ];
    const f = gridFormulas(
      {
        rows: [m('A'), m('Z')],
        columns,
        values: [
          [100, 150, 50, 0.5, 7],
          [0, 10, 10, null, 1],
        ],
      },
      none,
      none,
      5,
      2,
    );
    expect(f).toEqual([
      [null, null, 'C5-B5', 'IF(B5=0,"",(C5-B5)/ABS(B5))', null],
      [null, null, 'C6-B6', null, null],
    ]);
  });
});
