import type { CellConflict } from '../../../../api/client.js';
import type { OpenForm } from '../../../../api/model.js';
import { useI18n } from '../../../../i18n/index.js';
import { amountFormatter } from '../../../../lib/formNumbers.js';
import { cellKey } from '../../../../lib/gridModel.js';

/**
 * A refused save (409 FORM_SAVE_CONFLICT): for each cell someone else changed since it was
 * loaded, theirs and yours side by side; “keep mine” resends it over theirs, “take theirs” drops
 * the edit. Nothing is overwritten without this choice.
 */
export function ConflictPanel({
  form,
  conflicts,
  onKeep,
  onTake,
}: {
  form: OpenForm;
  conflicts: CellConflict[];
  onKeep: (keys: string[]) => void;
  onTake: (keys: string[]) => void;
}) {
  const { t, lang } = useI18n();
  const fmt = amountFormatter(form.format, lang);
  const name = (list: OpenForm['rows'], code: string) =>
    list.find((m) => m.code === code)?.name[lang] ?? code;
  const all = conflicts.map((c) => cellKey(c.row, c.column));
  return (
    <section
      className="card card-padded yg-conflicts"
      aria-labelledby="conflict-title"
      data-testid="conflict-panel"
    >
      <h2 id="conflict-title" className="section-title">
        {t('grid.conflict.title')}
      </h2>
      <p>{t('grid.conflict.lead')}</p>
      <div className="table-wrap">
        <table className="table table-numbers">
          <thead>
            <tr>
              <th scope="col">{t('grid.conflict.cell')}</th>
              <th scope="col" className="num">
                {t('grid.conflict.loaded')}
              </th>
              <th scope="col" className="num">
                {t('grid.conflict.theirs')}
              </th>
              <th scope="col" className="num">
                {t('grid.conflict.yours')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('forms.colActions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((c) => {
              const key = cellKey(c.row, c.column);
              return (
                <tr key={key} data-testid={`conflict-${c.row}-${c.column}`}>
                  <td>
                    {name(form.rows, c.row)} / {name(form.columns, c.column)}
                  </td>
                  <td className="num">{fmt(c.base)}</td>
                  <td className="num" data-testid="conflict-theirs">
                    {fmt(c.theirs)}
                  </td>
                  <td className="num" data-testid="conflict-yours">
                    {fmt(c.yours)}
                  </td>
                  <td>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button button-small button-primary"
                        onClick={() => onKeep([key])}
                        data-testid="conflict-keep"
                      >
                        {t('grid.conflict.keepMine')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => onTake([key])}
                        data-testid="conflict-take"
                      >
                        {t('grid.conflict.takeTheirs')}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {conflicts.length > 1 && (
        <div className="button-row">
          <button
            type="button"
            className="button"
            onClick={() => onKeep(all)}
            data-testid="conflict-keep-all"
          >
            {t('grid.conflict.keepAllMine')}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => onTake(all)}
            data-testid="conflict-take-all"
          >
            {t('grid.conflict.takeAllTheirs')}
          </button>
        </div>
      )}
    </section>
  );
}
