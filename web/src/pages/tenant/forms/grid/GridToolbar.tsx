import { useI18n } from '../../../../i18n/index.js';
import { SpreadControls, type SpreadTools } from './SpreadControls.js';

/**
 * Save (with the number of changed cells), undo/redo, the cell panel switch, how typed totals
 * are spread and the lock tool, the legend and the keys.
 */
export function GridToolbar({
  hasInput,
  changed,
  busy,
  blocked,
  canUndo,
  canRedo,
  onSave,
  onUndo,
  onRedo,
  onCell,
  cellOpen,
  spread,
}: {
  hasInput: boolean;
  changed: number;
  busy: boolean;
  /** A conflict is waiting for the user's decision. */
  blocked: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onSave: () => void;
  onUndo: () => void;
  onRedo: () => void;
  onCell: () => void;
  cellOpen: boolean;
  /** Present when the form takes figures on totals (input: all) and the user may enter. */
  spread?: SpreadTools | undefined;
}) {
  const { t } = useI18n();
  return (
    <div className="yg-toolbar" data-testid="grid-toolbar">
      <div className="button-row">
        {hasInput && (
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={busy || blocked || changed === 0}
              onClick={onSave}
              data-testid="form-save"
            >
              {busy ? t('common.saving') : t('forms.view.save', { count: changed })}
            </button>
            <button
              type="button"
              className="button"
              disabled={!canUndo}
              onClick={onUndo}
              data-testid="grid-undo"
            >
              ↶ {t('grid.undo')}
            </button>
            <button
              type="button"
              className="button"
              disabled={!canRedo}
              onClick={onRedo}
              data-testid="grid-redo"
            >
              ↷ {t('grid.redo')}
            </button>
          </>
        )}
        <button
          type="button"
          className="button button-secondary"
          onClick={onCell}
          aria-pressed={cellOpen}
          data-testid="grid-cell-open"
        >
          {t('grid.cellPanel')}
        </button>
      </div>
      {spread && <SpreadControls tools={spread} />}
      <ul className="yg-legend" aria-label={t('grid.keys')}>
        <li>
          <span className="yg-swatch yg-input" /> {t('grid.legend.input')}
        </li>
        <li>
          <span className="yg-swatch yg-computed" /> {t('grid.legend.computed')}
        </li>
        <li>
          <span className="yg-swatch yg-changed" /> {t('grid.legend.changed')}
        </li>
        <li>
          <span className="yg-swatch yg-comment" /> {t('grid.legend.comment')}
        </li>
        {spread && (
          <li>
            <span className="yg-swatch yg-locked" /> {t('spread.legend')}
          </li>
        )}
        <li>{t('grid.legend.hidden')}</li>
      </ul>
      <p className="muted small">
        {t('grid.keys')}
        {spread && ` · ${t('spread.keys')}`}
      </p>
    </div>
  );
}
