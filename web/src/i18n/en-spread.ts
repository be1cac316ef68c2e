/** English strings for spreading a typed total and holding cells in the input grid (issue 18). Spread into `en.ts`. */
export const enSpread = {
  spread: {
    label: 'Typing on a total',
    proportional: 'Spread in proportion to the current figures',
    equal: 'Spread equally',
    hint: 'On saving, a figure typed on a total is spread over the cells below it. Held cells (padlock) keep their figures; only the others move.',
    lock: 'Hold / release the selected cells',
    locked: '{count} cells held',
    unlockAll: 'Release all',
    lockedCell: 'Held: keeps its figure when a total above it is spread',
    legend: 'held (kept when a total is spread)',
    keys: 'Ctrl+Shift+L: hold / release the selected cells',
    nothing: 'Select the cells to hold first.',
  },
};
