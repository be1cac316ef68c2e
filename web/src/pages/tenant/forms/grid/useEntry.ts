import { useEffect, useMemo, useState } from 'react';
import type { OpenForm } from '../../../../api/model.js';
import { useI18n } from '../../../../i18n/index.js';
import { toYen } from '../../../../lib/formNumbers.js';
import {
  applyValues,
  cellKey,
  displayed,
  emptyUndo,
  interpret,
  record,
  redo,
  undo,
  type UndoState,
} from '../../../../lib/gridModel.js';
import { parsePasted } from '../../../../lib/gridPaste.js';
import type { CellTexts } from './FormGrid.js';

export interface GridMessage {
  tone: 'info' | 'warning' | 'error' | 'success';
  text: string;
}

const LIST = 6;

/**
 * The unsaved edits of an open form with undo/redo: texts from the grid are checked (input
 * cell? a number?) and entered as one undo step; refused cells are reported in a message.
 */
export function useEntry(form: OpenForm | undefined) {
  const { t, lang } = useI18n();
  const [state, setState] = useState<UndoState>(emptyUndo);
  const [message, setMessage] = useState<GridMessage>();
  // Leaving the page (reload, closing the tab) with unsaved edits asks first.
  const unsaved = state.edits.size > 0;
  useEffect(() => {
    if (!unsaved) return;
    const ask = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved]);
  /** The cell being typed in (not an edit yet): totals already follow it. */
  const [draft, setDraft] = useState<{ key: string; value: number } | null>(null);
  const shown = useMemo(() => {
    if (!form) return [];
    if (!draft) return displayed(form, state.edits);
    return displayed(form, new Map([...state.edits, [draft.key, draft.value]]));
  }, [form, state.edits, draft]);

  const label = (r: number, c: number) =>
    form ? `${form.rows[r]?.name[lang] ?? ''} / ${form.columns[c]?.name[lang] ?? ''}` : '';
  const list = (cells: { r: number; c: number }[]) =>
    cells
      .slice(0, LIST)
      .map((x) => label(x.r, x.c))
      .join('、') + (cells.length > LIST ? ' …' : '');

  const enter = (texts: CellTexts, kind: 'edit' | 'paste' | 'fill', beyond = 0) => {
    if (!form) return;
    const { values, refused, invalid } = interpret(texts, (r, c) => form.input[r]?.[c] === true, parsePasted);
    const map = new Map(
      values.map((v) => [
        cellKey(form.rows[v.r]!.code, form.columns[v.c]!.code),
        toYen(v.value, form.format),
      ]),
    );
    setState((s) => {
      const { edits, batch } = applyValues(form, s.edits, map);
      return record(s, edits, batch);
    });
    const problems: string[] = [];
    if (kind === 'edit' && invalid.length === 1 && texts.length === 1)
      problems.push(t('grid.msg.notNumber', { text: invalid[0]!.text }));
    else if (invalid.length)
      problems.push(t('grid.msg.invalid', { count: invalid.length, cells: list(invalid) }));
    if (refused.length) problems.push(t('grid.msg.refused', { count: refused.length, cells: list(refused) }));
    if (beyond) problems.push(t('grid.msg.outside', { count: beyond }));
    if (problems.length) setMessage({ tone: 'warning', text: problems.join(' ') });
    else if (kind === 'paste')
      setMessage({ tone: 'info', text: t('grid.msg.pasted', { count: values.length }) });
    else if (kind === 'fill' && values.length > 1)
      setMessage({ tone: 'info', text: t('grid.msg.filled', { count: values.length }) });
    else setMessage(undefined);
  };

  /** The open editor's text: a number in an input cell becomes the draft, anything else none. */
  const type = (cell: CellTexts[number] | null) => {
    if (!form || !cell || form.input[cell.r]?.[cell.c] !== true) return setDraft(null);
    const n = parsePasted(cell.text);
    if (typeof n !== 'number') return setDraft(null);
    setDraft({
      key: cellKey(form.rows[cell.r]!.code, form.columns[cell.c]!.code),
      value: toYen(n, form.format),
    });
  };

  /** Drops the edits of some cells (a conflict resolved as “take theirs”), not undoable. */
  const drop = (keys: string[]) =>
    setState((s) => {
      const edits = new Map(s.edits);
      for (const k of keys) edits.delete(k);
      return { edits, undo: [], redo: [] };
    });

  return {
    edits: state.edits,
    shown,
    canUndo: state.undo.length > 0,
    canRedo: state.redo.length > 0,
    message,
    setMessage,
    enter,
    type,
    drop,
    undo: () => setState(undo),
    redo: () => setState(redo),
    clear: () => setState(emptyUndo()),
  };
}
