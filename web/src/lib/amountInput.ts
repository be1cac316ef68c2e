/**
 * A figure typed or pasted into the grid, read by the server's own rule
 * (src/modules/entry/amount.ts, pure): full-width digits, `，`, `．`, `−`/`－`, ▲/△ and (…)
 * negatives, thousands separators that group thousands (`1,23` is refused, as on the server).
 * Read once, when the value is committed (Enter, Tab, a paste), never while an IME composes.
 */
import { AMOUNT_FORMATS, parseAmount } from '../../../src/modules/entry/amount.js';

export { AMOUNT_FORMATS };

/** The text as a number in the form's unit, `null` for an empty cell, `undefined` if not a number. */
export function parseTyped(text: string): number | null | undefined {
  if (text.normalize('NFKC').trim() === '') return null;
  return parseAmount(text);
}
