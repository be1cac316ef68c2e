import { useState } from 'react';
import { api } from '../../../../api/client.js';
import type { HistoryItem, HistoryResponse } from '../../../../api/entry.js';
import type { OpenForm } from '../../../../api/model.js';
import { ErrorAlert } from '../../../../components/Alert.js';
import { HelpLink } from '../../../../components/HelpLink.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { HistoryTable } from '../../model/HistoryTable.js';

/** Every recorded change of the cells this form shows (for these fixed choices), newest first. */
export function FormHistory({
  url,
  form,
  choices,
  onClose,
}: {
  url: string;
  form: OpenForm;
  choices: Record<string, string>;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { unauthorized } = useTenantSession();
  const [older, setOlder] = useState<HistoryItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const first = useLoad(
    async () => {
      const h = await api.post<HistoryResponse>(`${url}/history`, { choices, limit: 50 });
      setOlder([]);
      setCursor(h.nextCursor);
      return h.items;
    },
    [url, JSON.stringify(choices)],
    unauthorized,
  );
  const more = async () => {
    if (!cursor) return;
    const h = await api.post<HistoryResponse>(`${url}/history`, { choices, limit: 50, cursor });
    setOlder((o) => [...o, ...h.items]);
    setCursor(h.nextCursor);
  };
  const name = (list: OpenForm['rows'], code: string | undefined) =>
    list.find((m) => m.code === code)?.name[lang] ?? code ?? '';
  const items = [...(first.data ?? []), ...older];
  return (
    <section className="card card-padded" aria-labelledby="form-history-title" data-testid="form-history">
      <div className="page-header">
        <h2 id="form-history-title" className="section-title">
          {t('grid.history.title')} <HelpLink page="form-entry" topic={t('grid.history.open')} />
        </h2>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          {t('grid.history.close')}
        </button>
      </div>
      {first.error !== undefined && <ErrorAlert error={first.error} />}
      {!first.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('grid.history.empty')}</p>
      ) : (
        <HistoryTable
          items={items}
          rowTestId="form-history-item"
          format={form.format}
          cell={{
            title: t('grid.history.cell'),
            name: (h) =>
              `${name(form.rows, h.coords[form.rowDimension])} / ${name(form.columns, h.coords[form.columnDimension])}`,
          }}
        />
      )}
      {cursor && (
        <button type="button" className="button button-secondary button-small" onClick={() => void more()}>
          {t('cell.more')}
        </button>
      )}
    </section>
  );
}
