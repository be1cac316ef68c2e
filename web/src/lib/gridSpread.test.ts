import { describe, expect, it } from 'vitest';
import { cellKey, type GridData } from './gridModel.js';
import { locksUnder, toggleLocks, withSpread } from './gridSpread.js';

/** Rows: TOTAL = A + B, OTHER (a leaf outside); columns: Q1 = M1 + M2. */
const data: GridData = {
  rows: [
    { code: 'TOTAL', leaf: false, rollup: [] },
    { code: 'A', leaf: true, rollup: [{ index: 0, weight: 1 }] },
    { code: 'B', leaf: true, rollup: [{ index: 0, weight: -1 }] },
    { code: 'OTHER', leaf: true, rollup: [] },
  ],
  columns: [
    { code: 'M1', leaf: true, rollup: [{ index: 2, weight: 1 }] },
    { code: 'M2', leaf: true, rollup: [{ index: 2, weight: 1 }] },
    { code: 'Q1', leaf: false, rollup: [] },
  ],
  values: [
    [3, 4, 7],
    [1, 2, 3],
    [2, 2, 4],
    [null, 5, 5],
  ],
  input: [
    [true, true, true],
    [true, true, true],
    [true, true, true],
    [true, true, true],
  ],
};
const locks = new Set([
  cellKey('A', 'M1'),
  cellKey('B', 'Q1'),
  cellKey('OTHER', 'M1'),
  cellKey('TOTAL', 'Q1'),
  cellKey('GONE', 'M1'),
]);

describe('locksUnder', () => {
  it('finds the locked cells whose row and column lie under the total (any weight), not the total itself', () => {
    expect(locksUnder(data, locks, 0, 2)).toEqual([
      { row: 'A', column: 'M1' },
      { row: 'B', column: 'Q1' },
    ]);
    expect(locksUnder(data, locks, 1, 2)).toEqual([{ row: 'A', column: 'M1' }]);
    expect(locksUnder(data, locks, 0, 0)).toEqual([{ row: 'A', column: 'M1' }]);
    expect(locksUnder(data, locks, 3, 2)).toEqual([{ row: 'OTHER', column: 'M1' }]);
  });
});

describe('withSpread', () => {
  it('gives totals their mode and the locks under them, and leaves leaf cells as they are', () => {
    const cells = [
      { row: 'A', column: 'M2', value: 9, base: 2 },
      { row: 'TOTAL', column: 'Q1', value: 20, base: 7 },
      { row: 'A', column: 'Q1', value: 5, base: 3 },
      { row: 'TOTAL', column: 'M2', value: 5, base: 4 },
    ];
    expect(withSpread(data, cells, 'equal', locks)).toEqual([
      { row: 'A', column: 'M2', value: 9, base: 2 },
      {
        row: 'TOTAL',
        column: 'Q1',
        value: 20,
        base: 7,
        spread: {
          mode: 'equal',
          hold: [
            { row: 'A', column: 'M1' },
            { row: 'B', column: 'Q1' },
          ],
        },
      },
      {
        row: 'A',
        column: 'Q1',
        value: 5,
        base: 3,
        spread: { mode: 'equal', hold: [{ row: 'A', column: 'M1' }] },
      },
      { row: 'TOTAL', column: 'M2', value: 5, base: 4, spread: { mode: 'equal' } },
    ]);
    expect(withSpread(data, cells.slice(3), 'proportional', new Set())).toEqual([
      { row: 'TOTAL', column: 'M2', value: 5, base: 4, spread: { mode: 'proportional' } },
    ]);
  });
});

describe('toggleLocks', () => {
  it('locks the cells unless all are locked already, then unlocks them; hidden cells are skipped', () => {
    const one = toggleLocks(data, new Set(), [
      { r: 1, c: 0 },
      { r: 3, c: 0 },
    ]);
    expect([...one]).toEqual([cellKey('A', 'M1')]);
    const two = toggleLocks(data, one, [
      { r: 1, c: 0 },
      { r: 1, c: 1 },
    ]);
    expect([...two].sort()).toEqual([cellKey('A', 'M1'), cellKey('A', 'M2')].sort());
    const three = toggleLocks(data, two, [
      { r: 1, c: 0 },
      { r: 1, c: 1 },
    ]);
    expect(three.size).toBe(0);
  });
});
