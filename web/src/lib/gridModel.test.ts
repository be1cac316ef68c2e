import { describe, expect, it } from 'vitest';
import {
  applyValues,
  cellKey,
  displayed,
  emptyUndo,
  record,
  redo,
  saveCells,
  undo,
  visibleRows,
  hasChildren,
  interpret,
  type GridData,
} from './gridModel.js';

/** Rows: TOTAL = A + B, PROFIT = A − B (weight −1); columns: Q1 = M1 + M2. */
const data: GridData = {
  rows: [
    { code: 'TOTAL', leaf: false, rollup: [] },
    {
      code: 'A',
      leaf: true,
      rollup: [
        { index: 0, weight: 1 },
        { index: 3, weight: 1 },
      ],
    },
    {
      code: 'B',
      leaf: true,
      rollup: [
        { index: 0, weight: 1 },
        { index: 3, weight: -1 },
      ],
    },
    { code: 'PROFIT', leaf: false, rollup: [] },
  ],
  columns: [
    { code: 'M1', leaf: true, rollup: [{ index: 2, weight: 1 }] },
    { code: 'M2', leaf: true, rollup: [{ index: 2, weight: 1 }] },
    { code: 'Q1', leaf: false, rollup: [] },
  ],
  values: [
    [30, 0, 30],
    [10, 0, 10],
    [20, 0, 20],
    [-10, 0, -10],
  ],
  input: [
    [false, false, true],
    [true, true, false],
    [true, true, false],
    [false, false, false],
  ],
};

describe('grid model', () => {
  it('recomputes every consolidating cell by the weighted delta, before saving', () => {
    const edits = new Map([[cellKey('A', 'M2'), 5]]);
    expect(displayed(data, edits)).toEqual([
      [30, 5, 35],
      [10, 5, 15],
      [20, 0, 20],
      [-10, 5, -5],
    ]);
    // A consolidated input cell shows what was typed; its ancestors move by the delta.
    const total = displayed(data, new Map([[cellKey('A', 'Q1'), 40]]));
    expect(total[1]?.[2]).toBe(40);
    expect(total[0]?.[2]).toBe(60);
    expect(total[3]?.[2]).toBe(20);
    expect(total[1]?.[0]).toBe(10);
  });

  it('keeps hidden cells hidden', () => {
    const hidden = {
      ...data,
      values: data.values.map((l, r) => l.map((v, c) => (r === 0 && c === 1 ? null : v))),
    };
    expect(displayed(hidden, new Map([[cellKey('A', 'M2'), 5]]))[0]?.[1]).toBeNull();
  });

  it('records batches, drops edits back to the loaded value, undoes and redoes', () => {
    let state = emptyUndo();
    const first = applyValues(
      data,
      state.edits,
      new Map([
        [cellKey('A', 'M1'), 11],
        [cellKey('B', 'M1'), 20],
      ]),
    );
    expect(first.batch).toHaveLength(1); // B/M1 is unchanged
    state = record(state, first.edits, first.batch);
    const second = applyValues(data, state.edits, new Map([[cellKey('A', 'M1'), 12]]));
    state = record(state, second.edits, second.batch);
    expect(state.edits.get(cellKey('A', 'M1'))).toBe(12);
    state = undo(state);
    expect(state.edits.get(cellKey('A', 'M1'))).toBe(11);
    state = undo(state);
    expect(state.edits.size).toBe(0);
    expect(undo(state)).toBe(state);
    state = redo(redo(state));
    expect(state.edits.get(cellKey('A', 'M1'))).toBe(12);
    const back = applyValues(data, state.edits, new Map([[cellKey('A', 'M1'), 10]]));
    expect(back.edits.size).toBe(0);
    state = record(state, back.edits, back.batch);
    expect(state.redo).toEqual([]);
  });

  it('sends each edit with the value it was loaded with, or the value the user chose to overwrite', () => {
    const edits = new Map([
      [cellKey('A', 'M1'), 11],
      [cellKey('B', 'M2'), 3],
    ]);
    expect(saveCells(data, edits, new Map([[cellKey('B', 'M2'), 7]]))).toEqual([
      { row: 'A', column: 'M1', value: 11, base: 10 },
      { row: 'B', column: 'M2', value: 3, base: 7 },
    ]);
  });
});

describe('grid rows and entries', () => {
  const rows = [{ depth: 0 }, { depth: 1 }, { depth: 2 }, { depth: 2 }, { depth: 1 }, { depth: 0 }];
  it('collapses the rows under a consolidated row', () => {
    expect(visibleRows(rows, new Set())).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleRows(rows, new Set([1]))).toEqual([0, 1, 4, 5]);
    expect(visibleRows(rows, new Set([0]))).toEqual([0, 5]);
    expect(visibleRows(rows, new Set([0, 1]))).toEqual([0, 5]);
    expect([0, 1, 2, 4].map((i) => hasChildren(rows, i))).toEqual([true, true, false, false]);
  });

  it('collapses the details above a total in statement order (totals below), by the rollups', () => {
    // 売上高, 売上原価, 売上総利益, 販管費 1, 販管費, 営業利益 (indices into this list).
    const pl = [
      { depth: 2, rollup: [{ index: 2 }, { index: 5 }] },
      { depth: 2, rollup: [{ index: 2 }, { index: 5 }] },
      { depth: 1, rollup: [{ index: 5 }] },
      { depth: 2, rollup: [{ index: 4 }, { index: 5 }] },
      { depth: 1, rollup: [{ index: 5 }] },
      { depth: 0, rollup: [] },
    ];
    expect([0, 1, 2, 3, 4, 5].map((i) => hasChildren(pl, i))).toEqual([
      false,
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(visibleRows(pl, new Set([2]))).toEqual([2, 3, 4, 5]);
    expect(visibleRows(pl, new Set([4]))).toEqual([0, 1, 2, 4, 5]);
    expect(visibleRows(pl, new Set([5]))).toEqual([5]);
    // 売上総利益 is followed by a deeper row that is not its detail: nothing of it goes.
    expect(visibleRows(pl, new Set([3]))).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('sorts texts into values, cells that take no input and texts that are no numbers', () => {
    const out = interpret(
      [
        { r: 0, c: 0, text: '1' },
        { r: 0, c: 1, text: '2' },
        { r: 1, c: 0, text: 'x' },
        { r: 1, c: 1, text: '' },
      ],
      (_r, c) => c === 0 || _r === 1,
      (t) => (t === '' ? null : /^\d+$/.test(t) ? Number(t) : undefined),
    );
    expect(out.values).toEqual([
      { r: 0, c: 0, value: 1 },
      { r: 1, c: 1, value: 0 },
    ]);
    expect(out.refused).toEqual([{ r: 0, c: 1 }]);
    expect(out.invalid).toEqual([{ r: 1, c: 0, text: 'x' }]);
  });
});
