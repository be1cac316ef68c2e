/**
 * English strings for variance by sense and statement order (issue 18 points 3 and 4): an
 * account's favourable direction in the dimension editor, the report's variance legend, and
 * where a form shows its total rows. Spread into `en.ts`.
 */
export const enSense = {
  sense: {
    field: 'Favourable when',
    hint: 'Variances in reports are coloured by it: for costs, an underspend is favourable.',
    up: 'Up (sales, profit)',
    down: 'Down (costs)',
    badgeDown: 'Cost',
    favourable: 'Favourable variance',
    unfavourable: 'Unfavourable variance',
    legend:
      '○ green: favourable variance · × red: unfavourable variance. Sales and profits are favourable when up, costs when down (an underspend).',
    totals: {
      field: 'Total rows',
      hint: 'Below: each total after its details, as a P&L reads (net sales, cost of sales, then gross profit). Applies on screen, in reports, Excel and CSV.',
      below: 'Below their details (P&L order)',
      above: 'Above their details',
    },
  },
};
