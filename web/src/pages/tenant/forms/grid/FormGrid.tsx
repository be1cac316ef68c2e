import { RevoGrid } from '@revolist/react-datagrid';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenForm } from '../../../../api/model.js';
import { useI18n } from '../../../../i18n/index.js';
import { amountFormatter } from '../../../../lib/formNumbers.js';
import { displayed, visibleRows, type Edits } from '../../../../lib/gridModel.js';
import { fill, parseTsv, placeBlock, type Area } from '../../../../lib/gridPaste.js';
import type { Locks } from '../../../../lib/gridSpread.js';
import { amountEditor, attachKeyCapture, type AmountEditorHooks } from './amountEditor.js';
import { gridColumns, gridWidths } from './gridColumns.js';
import {
  colOf,
  HEADER,
  inEditor,
  once,
  outside,
  prop,
  ROW_SIZE,
  type ColumnDef,
  type Focused,
  type GridElement,
  type GridEvent,
  type Row,
} from './revoGrid.js';

/** A cell by its row and column position in the open form. */
export interface GridCell {
  r: number;
  c: number;
}
/** What the toolbar may ask of the grid. */
export interface GridControl {
  /** Locks or unlocks the selected cells. */
  lockSelection: () => void;
}
/** Texts for cells, from typing, a paste, a fill or a clear. */
export type CellTexts = { r: number; c: number; text: string }[];

/**
 * The form's figures in RevoGrid: a frozen row-header column (indented, ▸/▾ on consolidated
 * rows), frozen column headers, input cells distinct from totals and read-only cells, changed
 * cells highlighted, comment and lock markers. Every edit (typing, paste, fill handle, Ctrl+D/R,
 * Delete) is handed to `onTexts` instead of being written by the grid; the page owns the values.
 * Columns fit their longest figure and header (`gridColumns.ts`); the grid takes up to the
 * window's width. Ctrl+Shift+L (or `control.lockSelection`) hands the selected cells to `onLock`.
 */
export function FormGrid({
  form,
  shown,
  edits,
  commented,
  locked,
  onLock,
  control,
  onTexts,
  onDraft,
  onRefused,
  onFocus,
  onUndo,
  onRedo,
}: {
  form: OpenForm;
  /** Values to show (loaded + unsaved edits, totals recomputed), yen. */
  shown: (number | null)[][];
  edits: Edits;
  commented: ReadonlySet<string>;
  /** Cells the user locked (kept when a total above them is spread), by cell key. */
  locked: Locks;
  /** Lock or unlock these cells (the selection). */
  onLock: (cells: GridCell[]) => void;
  /** Filled with the grid's actions for the toolbar. */
  control?: { current: GridControl | null };
  onTexts: (texts: CellTexts, kind: 'edit' | 'paste' | 'fill', outsideCount?: number) => void;
  /** The text in the open cell editor, as it is typed (`null` when the editor closes). */
  onDraft: (draft: CellTexts[number] | null) => void;
  /** Typing on a cell that takes no input. */
  onRefused: () => void;
  onFocus: (cell: GridCell | null) => void;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const { t, lang } = useI18n();
  const wrap = useRef<HTMLDivElement>(null);
  const grid = useRef<GridElement>(null);
  const focused = useRef<Focused>(null);
  /** Whether the grid is in use: clicked or focused last (a click or focus elsewhere ends it). */
  const engaged = useRef(false);
  /** `row/column` codes of the focused cell, on the wrapper (`data-focus`) for tests and styles. */
  const [focusKey, setFocusKey] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(new Set());
  /** The key capture over the focused cell (IME compositions on a selected cell), and the text an editor opens with. */
  const keys = useRef<HTMLInputElement>(null);
  const seed = useRef<{ r: number; c: number; text: string } | null>(null);
  const dropComposition = useRef<() => void>(() => undefined);
  const editorHooks = useRef<AmountEditorHooks>({ takeSeed: () => undefined, draft: () => undefined });
  const [editors] = useState(() => ({ amount: amountEditor(() => editorHooks.current) }));
  useEffect(() => setCollapsed(new Set()), [form.form.id]);
  const visible = useMemo(() => visibleRows(form.rows, collapsed), [form.rows, collapsed]);
  // Cell templates and properties read the latest state through this ref (columns stay stable).
  const live = useRef({ form, shown, edits, commented, locked, collapsed, visible, t });
  live.current = { form, shown, edits, commented, locked, collapsed, visible, t };

  const toggle = (r: number) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(r)) next.delete(r);
      else next.add(r);
      return next;
    });

  // Columns change only with the form's structure: a reload with fresh figures (e.g. after a
  // save, while the user is already typing again) must not rebuild them and close the editor.
  const columnsKey = JSON.stringify([
    form.form.id,
    form.rowDimension,
    form.columnDimension,
    form.dimensionNames[form.rowDimension],
    form.dimensionNames[form.columnDimension],
    form.columns.map((c) => [c.code, c.name, c.leaf]),
  ]);
  // Widths follow the figures as loaded and entered (not the open editor's draft, so typing
  // never rebuilds the columns); they change in steps, and only then are the columns rebuilt.
  const corner = t('grid.corner', {
    rows: form.dimensionNames[form.rowDimension]?.[lang] ?? form.rowDimension,
    columns: form.dimensionNames[form.columnDimension]?.[lang] ?? form.columnDimension,
  });
  const widths = useMemo(
    () => gridWidths(form, displayed(form, edits), lang, corner),
    [form, edits, lang, corner],
  );
  const widthsKey = JSON.stringify(widths);
  const columns = useMemo<ColumnDef[]>(
    () => gridColumns(form, lang, t, widths, live, toggle),
    [columnsKey, widthsKey, lang],
  );
  const total = widths.head + widths.columns.reduce((a, b) => a + b, 0) + 2;

  const source = useMemo<Row[]>(() => {
    const fmt = amountFormatter(form.format, lang);
    return visible.map((r) => {
      const row: Row = { r, h: form.rows[r]!.name[lang] };
      const line = shown[r] ?? [];
      for (let c = 0; c < form.columns.length; c++) {
        const v = line[c];
        row[prop(c)] = v === null || v === undefined ? '—' : fmt(v);
      }
      return row;
    });
    // `commented` and `edits` are read by the cell properties: new rows make the grid ask again.
  }, [visible, shown, form, lang, commented, edits, locked]);

  /** The selection in (visible row, column) positions, or the focused cell. */
  const selection = async (): Promise<Area | null> => {
    const el = grid.current;
    if (!el) return null;
    const range = await el.getSelectedRange();
    if (range && range.colType === 'rgCol') return { y: range.y, x: range.x, y1: range.y1, x1: range.x1 };
    const f = await el.getFocused();
    if (f && f.colType === 'rgCol') return { y: f.cell.y, x: f.cell.x, y1: f.cell.y, x1: f.cell.x };
    return null;
  };
  const toCells = (placed: { y: number; x: number; text: string }[]): CellTexts =>
    placed.flatMap((p) => {
      const r = live.current.visible[p.y];
      return r === undefined ? [] : [{ r, c: p.x, text: p.text }];
    });

  const lockRef = useRef(onLock);
  lockRef.current = onLock;
  /** The last range or cell chosen (a toolbar click may clear the grid's own selection). */
  const lastArea = useRef<Area | null>(null);
  const lockArea = (area: Area | null) => {
    const cells: GridCell[] = [];
    if (area)
      for (let y = area.y; y <= area.y1; y++)
        for (let x = area.x; x <= area.x1; x++) {
          const r = live.current.visible[y];
          if (r !== undefined) cells.push({ r, c: x });
        }
    lockRef.current(cells);
  };
  const lockSelection = () => lockArea(lastArea.current);
  if (control) control.current = { lockSelection };

  /**
   * Gives the keyboard to the key capture once the grid has settled (after the click's own focus
   * change), unless an editor or a box elsewhere has it.
   */
  const grabKeys = () =>
    setTimeout(() => {
      const k = keys.current;
      const active = document.activeElement;
      if (!k || !focused.current || !engaged.current || active === k) return;
      if (active && active !== document.body && !active.closest('revo-grid')) return;
      if (active && inEditor(active)) return;
      k.focus({ preventScroll: true });
    }, 0);

  const onBeforeedit = (e: GridEvent<{ model: Row; prop: string; val?: string | number | null }>) => {
    e.preventDefault();
    const r = e.detail.model.r;
    const c = colOf(e.detail.prop);
    onDraft(null);
    if (c >= 0) onTexts([{ r, c, text: String(e.detail.val ?? '') }], 'edit');
  };
  const onBeforerangeedit = (
    e: GridEvent<{
      data: Record<number, Record<string, string | number | null | undefined>>;
      models: Record<number, Row>;
    }>,
  ) => {
    e.preventDefault();
    const texts: CellTexts = [];
    for (const [index, values] of Object.entries(e.detail.data)) {
      const model = e.detail.models[Number(index)];
      if (!model) continue;
      for (const [p, v] of Object.entries(values)) {
        const c = colOf(p);
        if (c >= 0) texts.push({ r: model.r, c, text: v === undefined || v === null ? '' : String(v) });
      }
    }
    onTexts(texts, 'fill');
  };
  /** RevoGrid never pastes by itself: pastes are read below, at the window. */
  const onBeforepaste = (e: GridEvent<unknown>) => e.preventDefault();
  /**
   * Pastes while the grid is in use (its last click or focus), unless a box elsewhere or the cell
   * editor has the keyboard. Read at the window, before the document: RevoGrid's own clipboard
   * part is loaded lazily and can miss the first paste.
   */
  const onPaste = (native: ClipboardEvent) => {
    if (!engaged.current || outside(wrap.current, native.target) || inEditor(native.target)) return;
    native.preventDefault();
    native.stopPropagation();
    dropComposition.current(); // a paste while the IME composes on the selected cell: the paste wins
    const block = parseTsv(native.clipboardData?.getData('text/plain') ?? '');
    void selection().then((area) => {
      if (!area || block.length === 0) return;
      const { cells, outside: beyond } = placeBlock(
        block,
        area,
        live.current.visible.length,
        live.current.form.columns.length,
      );
      onTexts(toCells(cells), 'paste', beyond);
    });
  };
  const onBeforecopy = (e: GridEvent<{ event: ClipboardEvent }>) => {
    const target = e.detail.event.target;
    const text = window.getSelection()?.toString() ?? '';
    if (outside(wrap.current, target) || inEditor(target) || text !== '') e.preventDefault();
  };
  const onBeforekeydown = (e: GridEvent<{ original: KeyboardEvent }>) => {
    const k = e.detail.original;
    if (outside(wrap.current, k.target)) {
      e.preventDefault(); // typing in the comment box is no grid entry
      return;
    }
    if (inEditor(k.target)) return;
    const mod = k.ctrlKey || k.metaKey;
    const key = k.key.toLowerCase();
    const first = !once(k);
    const act = (fn: () => void) => {
      k.preventDefault();
      e.preventDefault();
      if (first) fn();
    };
    if (mod && key === 'z' && !k.shiftKey) return act(onUndo);
    if (mod && (key === 'y' || (key === 'z' && k.shiftKey))) return act(onRedo);
    if (mod && k.shiftKey && key === 'l') return act(() => void selection().then(lockArea));
    if (mod && (key === 'd' || key === 'r'))
      return act(() => {
        const direction = key === 'd' ? 'down' : 'right';
        void selection().then((area) => {
          if (!area) return;
          const text = (y: number, x: number) => {
            const r = live.current.visible[y];
            const v = r === undefined ? null : live.current.shown[r]?.[x];
            return v === null || v === undefined ? '' : String(source[y]?.[prop(x)] ?? '');
          };
          onTexts(toCells(fill(direction, area, text)), 'fill');
        });
      });
    const f = focused.current;
    if (first && !mod && k.key.length === 1 && f && !live.current.form.input[f.r]?.[f.c]) onRefused();
  };
  const onAfterfocus = (e: GridEvent<{ model?: Row; column?: { prop: string }; colType: string }>) => {
    const model = e.detail.model;
    const c = colOf(e.detail.column?.prop);
    const cell = model && e.detail.colType === 'rgCol' && c >= 0 ? { r: model.r, c } : null;
    focused.current = cell;
    if (cell) {
      const y = live.current.visible.indexOf(cell.r);
      lastArea.current = { y, x: cell.c, y1: y, x1: cell.c };
      engaged.current = true;
      grabKeys();
    }
    setFocusKey(cell ? `${form.rows[cell.r]?.code ?? ''}/${form.columns[cell.c]?.code ?? ''}` : '');
    onFocus(cell);
  };

  // Grid events are bound here, not as props: the React wrapper leaves names the browser knows
  // (`beforepaste`, `beforecopy`) to React, which does not deliver them.
  const draftRef = useRef(onDraft);
  draftRef.current = onDraft;
  // Totals follow the open editor's committed text (never an IME's composition in progress).
  editorHooks.current = {
    takeSeed: (r, p) => {
      const s = seed.current;
      seed.current = null;
      return s && s.r === r && prop(s.c) === p ? s.text : undefined;
    },
    draft: (text) => {
      const f = focused.current;
      if (f) draftRef.current({ r: f.r, c: f.c, text });
    },
  };
  const pasteRef = useRef(onPaste);
  const onRefusedRef = useRef(onRefused);
  onRefusedRef.current = onRefused;
  pasteRef.current = onPaste;
  const handlers = useRef<Record<string, (e: GridEvent<never>) => void>>({});
  handlers.current = {
    beforeedit: onBeforeedit,
    beforerangeedit: onBeforerangeedit,
    beforepaste: onBeforepaste,
    beforecopy: onBeforecopy,
    beforekeydown: onBeforekeydown,
    afterfocus: onAfterfocus,
    setrange: (e: GridEvent<Area & { type: string }>) => {
      const a = e.detail;
      if (a.type === 'rgCol') lastArea.current = { y: a.y, x: a.x, y1: a.y1, x1: a.x1 };
    },
  };
  useEffect(() => {
    const el = grid.current;
    if (!el) return;
    const bound = Object.keys(handlers.current).map((name) => {
      // Chrome also fires native `beforepaste`/`beforecopy` events; only the grid's own count.
      const fn = (e: Event) => {
        if (e instanceof CustomEvent) handlers.current[name]?.(e as GridEvent<never>);
      };
      el.addEventListener(name, fn);
      return [name, fn] as const;
    });
    const paste = (e: ClipboardEvent) => pasteRef.current(e);
    // Closing the editor (Enter, Tab, Escape) ends the draft; the keys go back to the capture.
    const closed = () => {
      draftRef.current(null);
      grabKeys();
    };
    el.addEventListener('closeedit', closed);
    const capture = keys.current;
    const capturing =
      capture && wrap.current
        ? attachKeyCapture(capture, wrap.current, {
            cell: () => {
              const f = focused.current;
              const { form: fm } = live.current;
              if (!f) return null;
              const id = `cell-${fm.rows[f.r]?.code ?? ''}-${fm.columns[f.c]?.code ?? ''}`;
              return {
                element: wrap.current?.querySelector(`[data-testid="${CSS.escape(id)}"]`) ?? null,
                input: fm.input[f.r]?.[f.c] === true,
              };
            },
            open: (text) => {
              const f = focused.current;
              const y = f ? live.current.visible.indexOf(f.r) : -1;
              if (!f || y < 0) return;
              seed.current = { r: f.r, c: f.c, text };
              void grid.current?.setCellEdit(y, prop(f.c));
            },
            refused: () => onRefusedRef.current(),
          })
        : undefined;
    if (capturing) dropComposition.current = capturing.drop;
    const away = (e: Event) => {
      const inside = e.target instanceof Node && !!wrap.current?.contains(e.target);
      if (e.type === 'mousedown' || e.target !== document.body) engaged.current = inside;
    };
    window.addEventListener('paste', paste, true);
    document.addEventListener('mousedown', away, true);
    document.addEventListener('focusin', away, true);
    return () => {
      bound.forEach(([name, fn]) => el.removeEventListener(name, fn));
      window.removeEventListener('paste', paste, true);
      el.removeEventListener('closeedit', closed);
      capturing?.detach();
      dropComposition.current = () => undefined;
      document.removeEventListener('mousedown', away, true);
      document.removeEventListener('focusin', away, true);
    };
  }, []);

  const height = Math.min(visible.length * ROW_SIZE + HEADER + 18, 640);
  return (
    <div
      ref={wrap}
      className="yg-wrap card"
      // As wide as the columns need, up to the window's width (beyond the page's content width).
      style={{ width: `min(calc(100vw - 48px), max(100%, ${total}px))` }}
      data-testid="form-grid"
      data-focus={focusKey}
      onMouseDownCapture={() => {
        // The grid takes keys at the document: a selector or box elsewhere must let go of them.
        const active = document.activeElement;
        if (active instanceof HTMLElement && !wrap.current?.contains(active)) active.blur();
      }}
      role="region"
      aria-label={t('grid.label', { name: form.form.name[lang] })}
    >
      <RevoGrid
        ref={grid}
        className="yg-grid"
        style={{ height: `${height}px` }}
        columns={columns}
        source={source}
        range
        resize
        rowSize={ROW_SIZE}
        canMoveColumns={false}
        canDrag={false}
        filter={false}
        exporting={false}
        disableVirtualX={form.columns.length <= 40}
        theme="compact"
        editors={editors}
      />
      <input
        ref={keys}
        className="yg-keys"
        data-testid="grid-keys"
        aria-label={t('ime.keysLabel')}
        autoComplete="off"
        spellCheck={false}
        tabIndex={-1}
      />
    </div>
  );
}
