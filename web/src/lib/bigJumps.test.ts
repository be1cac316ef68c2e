import { describe, expect, it } from 'vitest';
import { bigJumps } from './bigJumps.js';
import { cellKey, type GridData } from './gridModel.js';

const member = (code: string) => ({ code, leaf: true, rollup: [] });
const data: GridData = {
  rows: [member('A'), member('B'), member('C')],
  columns: [member('M1'), member('M2'), member('M3')],
  values: [
    [1_500_000, 2_000_000, 0],
    [0, 0, 0],
    [null, 30, -400],
  ],
  input: [
    [true, true, true],
    [true, true, true],
    [true, true, true],
  ],
};
const edits = (...e: [string, string, number][]) => new Map(e.map(([r, c, v]) => [cellKey(r, c), v]));

describe('bigJumps', () => {
  it('flags a figure 1,000× the cell’s previous value or its row’s largest', () => {
    // The reference is the larger of the cell (1,500,000) and its row's largest (2,000,000): 750× is not asked.
    expect(bigJumps(data, edits(['A', 'M1', 1_500_000_000]))).toEqual([]);
    expect(bigJumps(data, edits(['A', 'M1', 2_000_000_000]))).toEqual([
      {
        key: cellKey('A', 'M1'),
        row: 'A',
        column: 'M1',
        before: 1_500_000,
        after: 2_000_000_000,
        reference: 2_000_000,
      },
    ]);
    // An empty cell compares with its row's largest; a negative figure by its size.
    expect(bigJumps(data, edits(['A', 'M3', -115_015_001_500_000])).map((j) => j.key)).toEqual([
      cellKey('A', 'M3'),
    ]);
    expect(bigJumps(data, edits(['C', 'M2', 399_999])).map((j) => j.reference)).toEqual([]);
    expect(bigJumps(data, edits(['C', 'M2', 400_000])).map((j) => j.reference)).toEqual([400]);
  });

  it('asks nothing about a row with nothing in it yet, small figures or unknown cells', () => {
    expect(bigJumps(data, edits(['B', 'M1', 9_999_999_999]))).toEqual([]);
    expect(bigJumps(data, edits(['A', 'M2', 3_000_000], ['A', 'M1', 0]))).toEqual([]);
    expect(bigJumps(data, edits(['X', 'M1', 1e15]))).toEqual([]);
  });
});
