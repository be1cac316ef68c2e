/** CSV downloads (issue 18 point 7): the encoding choice beside every CSV download, form and report files. */
export const enCsv = {
  csv: {
    charset: {
      label: 'CSV encoding',
      utf8: 'UTF-8 (with BOM)',
      sjis: 'Shift_JIS (for Excel)',
      hint: 'UTF-8 holds every character. Shift_JIS suits older Excel and accounting software; a character it cannot hold is written as 〓.',
    },
    download: 'CSV download',
    excel: 'Excel download',
    files: 'Download files',
    usersExport: 'Export users (CSV)',
    usersExportHint:
      'Every user in the columns of the CSV registration: add rows in Excel and import the file again.',
  },
} as const;
