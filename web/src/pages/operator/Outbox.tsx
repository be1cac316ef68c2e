import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { OutboxItem, OutboxMessage } from '../../api/types.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { LinkifiedText } from '../../components/LinkifiedText.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

/** `/operator/outbox` (list) and `/operator/outbox/:id` (list + message). */
export function OutboxPage() {
  const { id } = useParams();
  const { t } = useI18n();
  usePageTitle(t('operator.outbox.title'));
  const { unauthorized } = useOperatorSession();
  const list = useLoad(
    () => api.get<{ enabled: boolean; items: OutboxItem[] }>('/api/operator/outbox'),
    [],
    unauthorized,
  );

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('operator.outbox.title')}</h1>
          <p className="page-lead">{t('operator.outbox.lead')}</p>
        </div>
      </div>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data && !list.data.enabled ? (
        <Alert tone="info" title={t('operator.outbox.disabled')} testId="outbox-disabled" />
      ) : (
        <div className={id ? 'split split-open' : 'split'}>
          <div className="card split-list">
            {list.data?.items.length === 0 ? (
              <p className="empty" data-testid="outbox-empty">
                {t('operator.outbox.empty')}
              </p>
            ) : (
              <ul className="mail-list" data-testid="outbox-list">
                {list.data?.items.map((item) => (
                  <li key={item.id}>
                    <Link
                      to={`/operator/outbox/${encodeURIComponent(item.id)}`}
                      className={item.id === id ? 'mail-item is-active' : 'mail-item'}
                      aria-current={item.id === id ? 'true' : undefined}
                      data-testid="outbox-item"
                    >
                      <span className="mail-subject">{item.subject}</span>
                      <span className="mail-meta">
                        <span data-testid="outbox-to">{item.to}</span>
                        <span className="muted nowrap">{formatDateTime(item.createdAt)}</span>
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="split-detail">
            {id ? (
              <OutboxMessageView id={id} />
            ) : (
              <p className="card empty hide-narrow">{t('operator.outbox.select')}</p>
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function OutboxMessageView({ id }: { id: string }) {
  const { t } = useI18n();
  const { unauthorized } = useOperatorSession();
  const { data, error, loading } = useLoad(
    () => api.get<OutboxMessage>(`/api/operator/outbox/${encodeURIComponent(id)}`),
    [id],
    unauthorized,
  );
  if (loading) return <Loading />;
  if (!data) return <ErrorAlert error={error} />;
  return (
    <article className="card card-padded mail" data-testid="outbox-message">
      <Link to="/operator/outbox" className="back-link show-narrow">
        ← {t('operator.outbox.back')}
      </Link>
      <h2 className="mail-title">{data.subject}</h2>
      <dl className="mail-headers">
        <dt>{t('operator.outbox.to')}</dt>
        <dd>{data.to}</dd>
        <dt>{t('operator.outbox.date')}</dt>
        <dd>{formatDateTime(data.createdAt)}</dd>
      </dl>
      <pre className="mail-body" data-testid="outbox-body">
        <LinkifiedText text={data.text} />
      </pre>
    </article>
  );
}
