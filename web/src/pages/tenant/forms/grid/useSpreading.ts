import { useRef, useState } from 'react';
import type { OpenForm } from '../../../../api/model.js';
import {
  toggleLocks,
  withSpread,
  type Locks,
  type SaveCell,
  type SpreadMode,
} from '../../../../lib/gridSpread.js';
import type { GridCell, GridControl } from './FormGrid.js';

/**
 * The user's spreading choice for totals typed in the grid and the cells they locked (issue 18):
 * kept while the form is open on the same choices; `cells` adds them to a save's body.
 */
export function useSpreading(form: OpenForm | undefined) {
  const [mode, setMode] = useState<SpreadMode>('proportional');
  const [locked, setLocked] = useState<Locks>(new Set());
  const control = useRef<GridControl | null>(null);
  /** Whether a typed total is possible at all (a consolidated input cell). */
  const totals =
    !!form &&
    form.input.some((line, r) =>
      line.some((input, c) => input && !(form.rows[r]?.leaf && form.columns[c]?.leaf)),
    );
  return {
    mode,
    setMode,
    locked,
    totals,
    control,
    /** Locks the cells, or unlocks them when all are locked; false when none was given. */
    toggle: (cells: GridCell[]) => {
      if (!form || cells.length === 0) return false;
      setLocked((prev) => toggleLocks(form, prev, cells));
      return true;
    },
    clear: () => setLocked(new Set()),
    cells: <T extends SaveCell>(cells: readonly T[]) =>
      form ? withSpread(form, cells, mode, locked) : cells,
  };
}
