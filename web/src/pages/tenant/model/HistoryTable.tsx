import type { ReactNode } from 'react';
import type { HistoryItem } from '../../../api/entry.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';

/**
 * Cell history as a table: when (JST), who, optionally which cell, old → new, and the path
 * (grid, Excel, import, spread, copy, package). Used by the cell panel and the form history.
 */
export function HistoryTable({
  items,
  cell,
  testId,
  rowTestId,
}: {
  items: readonly HistoryItem[];
  /** With a "cell" column: how to name an item's cell. */
  cell?: { title: string; name: (h: HistoryItem) => ReactNode };
  testId?: string;
  rowTestId?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="table-wrap">
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
              <td className="num">{h.oldValue.toLocaleString()}</td>
              <td className="num">{h.newValue.toLocaleString()}</td>
              <td>{t(`cell.sources.${h.source}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
