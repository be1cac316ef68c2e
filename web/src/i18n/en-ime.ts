/** IME entry in the input grid and the check of figures 1,000× larger (issue 18), English. Spread into `en.ts`. */
export const enIme = {
  ime: {
    keysLabel: 'Entry into the selected cell (Japanese input too)',
    jumps:
      'These figures are 1,000 times or more the cell’s previous figure or the largest in its row. Please check the digits.\n\n{cells}\n\nSave anyway?',
    jumpCell: '{row} / {column}: {before} → {after}',
  },
};
