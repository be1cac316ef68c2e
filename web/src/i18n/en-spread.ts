/** English strings for spreading a typed total and locking cells in the input grid (issue 18). Spread into `en.ts`. */
export const enSpread = {
  spread: {
    label: 'Typing on a total',
    proportional: 'Spread in proportion to the current figures',
    equal: 'Spread equally',
    hint: 'On saving, a figure typed on a total is spread over the cells below it. Locked cells keep their figures; only the others move.',
    lock: 'Lock / unlock the selected cells',
    locked: '{count} cells locked',
    unlockAll: 'Unlock all',
    lockedCell: 'Locked: keeps its figure when a total above it is spread',
    legend: 'locked (kept when a total is spread)',
    keys: 'Ctrl+Shift+L: lock / unlock the selected cells',
    nothing: 'Select the cells to lock first.',
  },
};
