import { useI18n } from '../../../../i18n/index.js';
import { SPREAD_MODES, type SpreadMode } from '../../../../lib/gridSpread.js';

/** The spreading choice for typed totals and the lock tool (issue 18), when the form takes totals. */
export interface SpreadTools {
  mode: SpreadMode;
  onMode: (mode: SpreadMode) => void;
  lockedCount: number;
  onLock: () => void;
  onUnlockAll: () => void;
}

/** How a figure typed on a total is spread, the lock tool and the number of locked cells. */
export function SpreadControls({ tools }: { tools: SpreadTools }) {
  const { t } = useI18n();
  return (
    <div className="yg-spread" data-testid="spread-tools">
      <label className="yg-spread-mode">
        <span>{t('spread.label')}</span>
        <select
          value={tools.mode}
          onChange={(e) => tools.onMode(e.target.value as SpreadMode)}
          data-testid="spread-mode"
        >
          {SPREAD_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`spread.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="button button-secondary"
        // Keep the grid's selection: the button must not take the focus from it.
        onMouseDown={(e) => e.preventDefault()}
        onClick={tools.onLock}
        data-testid="spread-lock"
      >
        <span className="yg-lock-icon" aria-hidden="true" /> {t('spread.lock')}
      </button>
      {tools.lockedCount > 0 && (
        <>
          <span className="muted small" data-testid="spread-locked">
            {t('spread.locked', { count: tools.lockedCount })}
          </span>
          <button
            type="button"
            className="button button-secondary"
            onClick={tools.onUnlockAll}
            data-testid="spread-unlock-all"
          >
            {t('spread.unlockAll')}
          </button>
        </>
      )}
      <p className="muted small yg-spread-hint">{t('spread.hint')}</p>
    </div>
  );
}
