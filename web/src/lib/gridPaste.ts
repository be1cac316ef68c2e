/**
 * Ranges into the input grid (issue 7): tab-separated text as Excel and LibreOffice put it on
 * the clipboard (quoted cells may hold tabs, newlines and doubled quotes), and where a block,
 * a fill down / right lands. Pure functions; the grid applies the result as one undo step.
 */
import { parseTyped } from './amountInput.js';

/** Tab-separated lines → rows of cells (the trailing newline Excel adds is no extra row). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const s = text.replace(/\r\n?/g, '\n');
  while (i < s.length) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/**
 * A pasted or typed figure in the form's unit: `1,234`, `１２３`, `▲100`, `△100`, `(100)` and
 * `-100` (the last four negative), `¥1,234` as Excel copies a currency cell (the server's rule,
 * src/modules/entry/amount.ts). `null` = empty, `undefined` = not a number.
 */
export const parsePasted = parseTyped;

export interface Area {
  /** First row and column (grid positions). */
  y: number;
  x: number;
  /** Last row and column, inclusive. */
  y1: number;
  x1: number;
}

/** A cell the paste or fill writes: grid position and the text for it. */
export interface Placed {
  y: number;
  x: number;
  text: string;
}

/**
 * Where a block goes: from the selection's top-left; a single value fills the whole selection
 * (as in Excel). Cells beyond the grid's `height` × `width` are counted as `outside`.
 */
export function placeBlock(
  block: string[][],
  selection: Area,
  height: number,
  width: number,
): { cells: Placed[]; outside: number } {
  const cells: Placed[] = [];
  let outside = 0;
  const single = block.length === 1 && block[0]?.length === 1;
  if (single) {
    for (let y = selection.y; y <= selection.y1; y++)
      for (let x = selection.x; x <= selection.x1; x++) cells.push({ y, x, text: block[0]![0]! });
    return { cells, outside };
  }
  block.forEach((line, dy) =>
    line.forEach((text, dx) => {
      const y = selection.y + dy;
      const x = selection.x + dx;
      if (y >= height || x >= width) outside++;
      else cells.push({ y, x, text });
    }),
  );
  return { cells, outside };
}

/**
 * Ctrl+D (down: the selection's first row copied to the rows below) and Ctrl+R (right: its first
 * column copied to the columns to its right). A one-row (one-column) selection takes the row above
 * (the column to the left), as in Excel. `source(y, x)` is the text shown in a cell.
 */
export function fill(
  direction: 'down' | 'right',
  selection: Area,
  source: (y: number, x: number) => string,
): Placed[] {
  const cells: Placed[] = [];
  const down = direction === 'down';
  const from = down
    ? selection.y === selection.y1
      ? selection.y - 1
      : selection.y
    : selection.x === selection.x1
      ? selection.x - 1
      : selection.x;
  if (from < 0) return cells;
  for (let y = selection.y; y <= selection.y1; y++)
    for (let x = selection.x; x <= selection.x1; x++) {
      if (down && y !== from) cells.push({ y, x, text: source(from, x) });
      if (!down && x !== from) cells.push({ y, x, text: source(y, from) });
    }
  return cells;
}
