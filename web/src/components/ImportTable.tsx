import { useState } from 'react';
import type { ImportTableModel, RowFilter } from '../lib/importTable.js';
import { filterRows, rowOutcome } from '../lib/importTable.js';
import { useI18n } from '../i18n/index.js';
import { OutcomeBadge } from './Badges.js';

const FILTERS: readonly RowFilter[] = ['all', 'new', 'unchanged', 'error'];

/** The dry-run result: counts, a filterable table of every row, and the list of problems. */
export function ImportTable({
  model,
  columnLabels = {},
}: {
  model: ImportTableModel;
  columnLabels?: Record<string, string>;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<RowFilter>('all');
  const rows = filterRows(model.rows, filter);
  const label = (column: string) => columnLabels[column] ?? column;
  const count = (f: RowFilter) => (f === 'all' ? model.counts.total : model.counts[f]);

  return (
    <div className="import-result" data-testid="import-result">
      <p data-testid="import-summary">
        {t('admin.import.summary', {
          total: model.counts.total,
          new: model.counts.new,
          unchanged: model.counts.unchanged,
          error: model.counts.error,
        })}{' '}
        <span className="muted small" data-testid="import-encoding">
          {t('admin.import.encoding', { encoding: model.encoding })}
        </span>
      </p>
      <div className="segmented" role="group" aria-label={t('admin.import.show')}>
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'segment is-active' : 'segment'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
            data-testid={`import-filter-${f}`}
          >
            {f === 'all' ? t('admin.users.all') : t(`outcome.${f}`)} ({count(f)})
          </button>
        ))}
      </div>
      <div className="card table-wrap table-scroll">
        <table className="table" data-testid="import-table">
          <caption className="visually-hidden">{t('admin.import.step3')}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t('admin.import.colLine')}
              </th>
              <th scope="col">{t('admin.import.colEmail')}</th>
              <th scope="col">{t('admin.import.colName')}</th>
              <th scope="col">{t('admin.import.colOutcome')}</th>
              <th scope="col">{t('admin.import.colProblems')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.row} data-testid="import-row" data-row={row.row} data-outcome={rowOutcome(row)}>
                <td className="num">{row.row}</td>
                <td>{row.email ?? ''}</td>
                <td>{row.name ?? ''}</td>
                <td>
                  <OutcomeBadge outcome={rowOutcome(row)} />
                </td>
                <td className="cell-error">
                  {row.errors.map((e) => `${label(e.column)}: ${e.message}`).join(' / ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {model.problems.length > 0 && (
        <section aria-labelledby="import-problems-title" data-testid="import-problems">
          <h3 id="import-problems-title" className="section-title">
            {t('admin.import.problems')}
          </h3>
          <p className="muted small">{t('admin.import.problemsLead')}</p>
          <div className="card table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('admin.import.colLine')}
                  </th>
                  <th scope="col">{t('admin.import.colColumn')}</th>
                  <th scope="col">{t('admin.import.colReason')}</th>
                </tr>
              </thead>
              <tbody>
                {model.problems.map((p, i) => (
                  <tr key={`${p.row}-${p.column}-${i}`} data-testid="import-problem" data-code={p.code}>
                    <td className="num">{p.row}</td>
                    <td>{label(p.column)}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
