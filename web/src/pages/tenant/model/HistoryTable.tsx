import type { ReactNode } from 'react';
import type { HistoryItem } from '../../../api/entry.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { amountFormatter, type NumberFormat } from '../../../lib/formNumbers.js';
import { unitLabel } from '../../../../../src/modules/model/number-format.js';

/** Figures without a form: exact yen. */
const YEN: NumberFormat = { scale: 1, decimals: 0, currency: 'JPY' };

/**
 * Cell history as a table: when (JST), who, optionally which cell, old → new, and the path
 * (grid, Excel, import, spread, copy, package). Used by the cell panel and the form history.
 * Old and new values are stated as the form states its figures (unit, rounding, negatives), under
 * the form's unit label; without a form, in yen as stored.
 */
export function HistoryTable({
  items,
  cell,
  testId,
  rowTestId,
  format,
}: {
  items: readonly HistoryItem[];
  /** With a "cell" column: how to name an item's cell. */
  cell?: { title: string; name: (h: HistoryItem) => ReactNode };
  testId?: string;
  rowTestId?: string;
  /** The form's number format; absent = yen as stored. */
  format?: NumberFormat;
}) {
  const { t, lang } = useI18n();
  const shown = format ? amountFormatter(format, lang) : (v: number) => v.toLocaleString();
  return (
    <div className="table-wrap">
      <p className="field-hint" data-testid="history-unit">
        {unitLabel(format ?? YEN, lang)}
      </p>
      <table className="table table-numbers" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{t('cell.when')}</th>
            <th scope="col">{t('cell.who')}</th>
            {cell && <th scope="col">{cell.title}</th>}
            <th scope="col" className="num">
              {t('cell.from')}
            </th>
            <th scope="col" className="num">
              {t('cell.to')}
            </th>
            <th scope="col">{t('cell.path')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h, i) => (
            <tr key={`${h.at}-${i}`} data-testid={rowTestId}>
              <td>{formatDateTime(h.at)}</td>
              <td>{h.user?.name ?? '—'}</td>
              {cell && <td>{cell.name(h)}</td>}
              <td className="num">{shown(h.oldValue)}</td>
              <td className="num">{shown(h.newValue)}</td>
              <td>{t(`cell.sources.${h.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
