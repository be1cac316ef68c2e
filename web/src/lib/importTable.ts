import type { DryRunResult, ImportOutcome, ImportProgress, ImportRow } from '../api/identity.js';

/** One problem in the file, as listed under the dry-run table: row, column and the server's reason. */
export interface ImportProblem {
  row: number;
  column: string;
  code: string;
  message: string;
}

export type RowFilter = 'all' | ImportOutcome;

export interface ImportTableModel {
  /** Every data row, in file order. */
  rows: ImportRow[];
  /** Counts recomputed from the rows (the summary is trusted only when it agrees). */
  counts: Record<ImportOutcome, number> & { total: number };
  problems: ImportProblem[];
  /** True only for a file with at least one row and no errors: the import is all-or-nothing. */
  canImport: boolean;
  encoding: string;
}

/** Builds the dry-run table model from the server's answer. */
export function importTableModel(result: DryRunResult): ImportTableModel {
  const rows = [...result.rows].sort((a, b) => a.row - b.row);
  const counts = { total: rows.length, new: 0, unchanged: 0, error: 0 };
  const problems: ImportProblem[] = [];
  for (const row of rows) {
    // A row with errors is an error row, whatever its outcome says.
    const outcome: ImportOutcome = row.errors.length > 0 ? 'error' : row.outcome;
    counts[outcome] += 1;
    for (const e of row.errors)
      problems.push({ row: row.row, column: e.column, code: e.code, message: e.message });
  }
  const summaryErrors = Math.max(result.summary.error, counts.error);
  return {
    rows,
    counts,
    problems,
    canImport: rows.length > 0 && summaryErrors === 0,
    encoding: result.encoding,
  };
}

/** The rows to show for a filter chip. */
export function filterRows(rows: ImportRow[], filter: RowFilter): ImportRow[] {
  if (filter === 'all') return rows;
  return rows.filter((r) => (r.errors.length > 0 ? 'error' : r.outcome) === filter);
}

/** The outcome a row is shown with (errors win). */
export function rowOutcome(row: ImportRow): ImportOutcome {
  return row.errors.length > 0 ? 'error' : row.outcome;
}

/** Invitation progress: share done (sent or failed) in whole percent, and whether polling can stop. */
export function progressOf(p: ImportProgress): { percent: number; finished: boolean } {
  if (p.total <= 0) return { percent: 100, finished: true };
  const done = Math.min(p.total, p.sent + p.failed);
  return { percent: Math.floor((done / p.total) * 100), finished: p.pending <= 0 };
}

/** Row numbers as the user sees them in a spreadsheet: the header is line 1, data row 1 is line 2. */
export function spreadsheetLine(row: number): number {
  return row + 1;
}
