import { describe, expect, it } from 'vitest';
import type { DryRunResult } from '../api/identity.js';
import { filterRows, importTableModel, progressOf, rowOutcome, spreadsheetLine } from './importTable.js';

const result = (rows: DryRunResult['rows'], error = 0): DryRunResult => ({
  encoding: 'shift_jis',
  rows,
  summary: { total: rows.length, new: 0, unchanged: 0, error },
});

describe('importTableModel', () => {
  it('sorts rows, counts outcomes and allows import without errors', () => {
    const m = importTableModel(
      result([
        { row: 2, email: 'b@x.jp', outcome: 'unchanged', errors: [] },
        { row: 1, email: 'a@x.jp', name: '山田 太郎', outcome: 'new', errors: [] },
      ]),
    );
    expect(m.rows.map((r) => r.row)).toEqual([1, 2]);
    expect(m.counts).toEqual({ total: 2, new: 1, unchanged: 1, error: 0 });
    expect(m.problems).toEqual([]);
    expect(m.canImport).toBe(true);
    expect(m.encoding).toBe('shift_jis');
  });

  it('lists every error with row and column and blocks the import', () => {
    const m = importTableModel(
      result(
        [
          { row: 1, outcome: 'new', errors: [] },
          {
            row: 2,
            outcome: 'error',
            errors: [
              { column: 'email', code: 'email', message: 'bad' },
              { column: 'groups', code: 'unknown_group', message: 'no such group' },
            ],
          },
        ],
        1,
      ),
    );
    expect(m.problems).toEqual([
      { row: 2, column: 'email', code: 'email', message: 'bad' },
      { row: 2, column: 'groups', code: 'unknown_group', message: 'no such group' },
    ]);
    expect(m.counts.error).toBe(1);
    expect(m.canImport).toBe(false);
  });

  it('treats a row with errors as an error whatever its outcome, and an empty file as not importable', () => {
    const row = {
      row: 1,
      outcome: 'new' as const,
      errors: [{ column: 'name', code: 'required', message: 'x' }],
    };
    expect(rowOutcome(row)).toBe('error');
    expect(importTableModel(result([row])).canImport).toBe(false);
    expect(importTableModel(result([])).canImport).toBe(false);
    // A summary that reports errors the rows do not show still blocks.
    expect(importTableModel(result([{ row: 1, outcome: 'new', errors: [] }], 1)).canImport).toBe(false);
  });

  it('filters rows by outcome', () => {
    const rows = [
      { row: 1, outcome: 'new' as const, errors: [] },
      { row: 2, outcome: 'unchanged' as const, errors: [] },
      { row: 3, outcome: 'new' as const, errors: [{ column: 'email', code: 'email', message: 'x' }] },
    ];
    expect(filterRows(rows, 'all')).toHaveLength(3);
    expect(filterRows(rows, 'new').map((r) => r.row)).toEqual([1]);
    expect(filterRows(rows, 'error').map((r) => r.row)).toEqual([3]);
  });
});

describe('progressOf', () => {
  it('counts sent and failed as done and stops when nothing is pending', () => {
    expect(progressOf({ batchId: 'b', total: 4, sent: 1, pending: 3, failed: 0 })).toEqual({
      percent: 25,
      finished: false,
    });
    expect(progressOf({ batchId: 'b', total: 3, sent: 2, pending: 0, failed: 1 })).toEqual({
      percent: 100,
      finished: true,
    });
    expect(progressOf({ batchId: 'b', total: 0, sent: 0, pending: 0, failed: 0 }).finished).toBe(true);
  });
});

describe('spreadsheetLine', () => {
  it('adds the header line', () => {
    expect(spreadsheetLine(1)).toBe(2);
  });
});
