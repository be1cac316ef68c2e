/** English strings for dimension import/export (CSV, Excel) and element deletion, spread into `en.ts`. */
export const enDimio = {
  dimio: {
    exportTitle: 'Export',
    exportLead: 'Every element with its names, parent and weight (one row per parent–child link).',
    exportCsv: 'CSV',
    exportXlsx: 'Excel (.xlsx)',
    importTitle: 'Import',
    importLead:
      'Upload a CSV (UTF-8 or Shift_JIS) or Excel (.xlsx) file with the columns of the export (code, names, parent, weight). New elements are added, names and weights updated, and each element listed gets exactly the parents the file gives it. Elements not in the file stay as they are.',
    file: 'CSV or Excel file',
    fileHint:
      'At most 5 MB. Headers in Japanese or English. In Excel, formulas count with their saved value.',
    check: 'Check file',
    checking: 'Checking…',
    preview: 'Preview',
    summary: '{total} rows: {new} new, {changed} changed, {unchanged} unchanged, {error} with errors.',
    format: 'Read as: {format}',
    colRow: 'Row',
    colCode: 'Code',
    colName: 'Names (ja / en)',
    colOutcome: 'Result',
    colProblems: 'Problems',
    outcome: { new: 'New', changed: 'Changed', unchanged: 'Unchanged', error: 'Error' },
    blocked:
      'Correct the rows with errors and check the file again. Nothing is imported while any row has an error.',
    apply: 'Apply ({count} rows)',
    applying: 'Applying…',
    applied: 'Import applied: {new} new, {changed} changed.',
    delete: 'Delete',
    deleteTitle: 'Delete “{name}” ({code})?',
    deleteLeaf: 'The element is removed from the dimension and from every cube over it.',
    deleteChildren:
      'Its children stay: {children}. A child that has no other parent becomes a top-level element.',
    deleteRefused:
      'An element that has figures in a cube, is locked, or that a form or group access rights name, is not deleted: you will see which.',
    deleteConfirm: 'Delete element',
    deleteWithFigures: 'Delete element and its figures',
    deleteFiguresWarning:
      'Deleting it with its figures removes those cells for good (the audit log records how many).',
    deleted: 'Element “{code}” deleted.',
  },
} as const;
