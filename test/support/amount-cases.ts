/**
 * One table of typed figures for the amount rule (src/modules/entry/amount.ts), read by the
 * server's unit test and the web app's (web/src/lib/amountInput.test.ts): both sides must agree.
 */
export const AMOUNT_ACCEPTED: readonly (readonly [text: string, value: number])[] = [
  ['1234', 1234],
  ['-1234.5', -1234.5],
  ['0', 0],
  ['1,234', 1234],
  ['1,234,567', 1234567],
  ['1,234,567.25', 1234567.25],
  ['+1,000', 1000],
  ['.5', 0.5],
  // Japanese ledger negatives
  ['▲1,234', -1234],
  ['△1,234', -1234],
  ['▲ 300', -300],
  ['(1,234)', -1234],
  ['−1,234', -1234], // U+2212 minus sign
  // Full-width input as an IME gives it
  ['１５００', 1500],
  ['１，２３４', 1234],
  ['１２３４．５', 1234.5],
  ['－５', -5],
  ['▲３００', -300],
  ['（１，０００）', -1000],
  ['　１，０００　', 1000],
  // Currency marks
  [' 1,000円 ', 1000],
  ['¥1,234', 1234],
  ['￥１，２３４', 1234],
  ['-¥500', -500],
];

/** Not numbers: refused the same way by the grid and by the uploads. */
export const AMOUNT_REFUSED: readonly string[] = [
  '',
  '   ',
  'abc',
  '12a',
  '1,23',
  '１，２３',
  '12,34,567',
  '1234,567',
  ',123',
  '1,234,',
  '1.2.3',
  '▲',
  '()',
  '1e5',
  '--1',
  '▲-5',
  '(-5)',
  'NaN',
  'Infinity',
];
