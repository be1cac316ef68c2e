import type { OpenForm } from '../../../../api/model.js';
import type { Language as Lang, Translate } from '../../../../i18n/index.js';
import { amountFormatter } from '../../../../lib/formNumbers.js';
import { cellKey, hasChildren, type Edits } from '../../../../lib/gridModel.js';
import type { Locks } from '../../../../lib/gridSpread.js';
import { canvasMeasure, figureWidths, headerPieces, rowHeadWidth, type Measure } from './columnWidths.js';
import { prop, type ColumnDef } from './revoGrid.js';

/** What the cell templates and properties read at render time (the columns themselves stay stable). */
export interface LiveGrid {
  form: OpenForm;
  shown: (number | null)[][];
  edits: Edits;
  commented: ReadonlySet<string>;
  locked: Locks;
  collapsed: ReadonlySet<number>;
  t: Translate;
}

export interface GridWidths {
  head: number;
  columns: number[];
}

/** The grid's font: figures and names 14 px (totals bold, so measured bold). */
const measureFor = (): { measure: Measure; em: number } => {
  const family = typeof document === 'undefined' ? 'sans-serif' : getComputedStyle(document.body).fontFamily;
  return { measure: canvasMeasure(`700 14px ${family}`), em: 14 };
};

/**
 * A header may wrap onto a second line between its pieces ("Apr 2027", "2027年 10月"): it needs
 * its longest piece, and half its length.
 */
function headerNeed(text: string, measure: Measure): number {
  return Math.max(measure(text) / 2, ...headerPieces(text).map(measure));
}

/**
 * Widths that fit every figure (as formatted, with the unsaved edits) and header, and the row
 * names with their indentation; the row-header column at most 40 % of the window.
 */
export function gridWidths(
  form: OpenForm,
  values: (number | null)[][],
  lang: Lang,
  corner: string,
): GridWidths {
  const { measure, em } = measureFor();
  const fmt = amountFormatter(form.format, lang);
  const texts = form.columns.map((col, c) => {
    const out = [] as string[];
    for (const line of values) {
      const v = line[c];
      if (v !== null && v !== undefined) out.push(fmt(v));
    }
    return out;
  });
  const figures = figureWidths(texts, measure);
  const heads = form.columns.map((col) => headerNeed(col.name[lang], measure));
  const columns = figures.map((w, c) => Math.max(w, figureWidths([['']], () => heads[c] ?? 0)[0] ?? w));
  const max = typeof window === 'undefined' ? 480 : Math.max(240, Math.floor(window.innerWidth * 0.4));
  const head = rowHeadWidth(
    form.rows.map((r) => ({ text: r.name[lang], depth: r.depth })),
    corner,
    measure,
    em,
    max,
  );
  return { head, columns };
}

/**
 * The grid's columns: a frozen row-header column (indented, ▸/▾ on consolidated rows) and one
 * column per form column, input cells distinct from totals and read-only cells, changed cells,
 * comment and lock markers.
 */
export function gridColumns(
  form: OpenForm,
  lang: Lang,
  t: Translate,
  widths: GridWidths,
  live: { current: LiveGrid },
  toggle: (r: number) => void,
): ColumnDef[] {
  const name = (code: string) => form.dimensionNames[code]?.[lang] ?? code;
  const head: ColumnDef = {
    prop: 'h',
    name: t('grid.corner', { rows: name(form.rowDimension), columns: name(form.columnDimension) }),
    pin: 'colPinStart',
    size: widths.head,
    readonly: true,
    columnProperties: () => ({ class: 'yg-corner' }),
    cellProperties: ({ model }) => {
      const m = live.current.form.rows[model.r];
      return { class: m?.leaf ? 'yg-rowhead' : 'yg-rowhead yg-total' };
    },
    cellTemplate: (h, { model }) => {
      const r = model.r;
      const { form: f, collapsed: closed, t: tr } = live.current;
      const m = f.rows[r]!;
      const label = m.name[lang];
      const canToggle = hasChildren(f.rows, r);
      const isClosed = closed.has(r);
      return h(
        'span',
        {
          class: 'yg-rowhead-inner',
          style: { paddingInlineStart: `${m.depth * 1.25}em` },
          'data-testid': `rowhead-${m.code}`,
        },
        [
          canToggle
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'yg-toggle',
                  'aria-expanded': isClosed ? 'false' : 'true',
                  'aria-label': tr(isClosed ? 'grid.expand' : 'grid.collapse', { name: label }),
                  title: tr(isClosed ? 'grid.expand' : 'grid.collapse', { name: label }),
                  'data-testid': `toggle-${m.code}`,
                  onClick: (e: MouseEvent) => {
                    e.stopPropagation();
                    toggle(r);
                  },
                },
                isClosed ? '▸' : '▾',
              )
            : h('span', { class: 'yg-toggle-space' }),
          h('span', { class: 'yg-rowhead-name', title: label }, label),
        ],
      );
    },
  };
  const data = form.columns.map<ColumnDef>((col, c) => ({
    prop: prop(c),
    name: col.name[lang],
    size: widths.columns[c] ?? 96,
    ci: c,
    columnProperties: () => ({
      class: col.leaf ? 'yg-colhead' : 'yg-colhead yg-total',
      'data-testid': `colhead-${col.code}`,
    }),
    // Line breaks only between the header's pieces (`headerPieces`), never inside "10月".
    columnTemplate: (h) =>
      h(
        'span',
        { class: 'yg-colhead-name' },
        col.name[lang].split(/(\s+)|(?<=年)(?=\d)/u).map((p) => (p === undefined ? h('wbr', {}) : p)),
      ),
    readonly: ({ model }) => !live.current.form.input[model.r]?.[c],
    editor: 'amount',
    cellProperties: ({ model }) => {
      const r = model.r;
      const { form: f, shown: s, edits: e, commented: cm, locked: lk, t: tr } = live.current;
      const row = f.rows[r]!;
      const key = cellKey(row.code, col.code);
      const classes = ['yg-cell'];
      if (s[r]?.[c] === null) classes.push('yg-hidden');
      else classes.push(f.input[r]?.[c] ? 'yg-input' : 'yg-computed');
      if (!row.leaf || !col.leaf) classes.push('yg-total');
      if (e.has(key)) classes.push('yg-changed');
      if (cm.has(key)) classes.push('yg-comment');
      if (lk.has(key)) classes.push('yg-locked');
      return {
        class: classes.join(' '),
        'data-testid': `cell-${row.code}-${col.code}`,
        'data-changed': e.has(key) ? 'true' : undefined,
        'data-locked': lk.has(key) ? 'true' : undefined,
        title: lk.has(key) ? tr('spread.lockedCell') : undefined,
      };
    },
  }));
  return [head, ...data];
}
