import { useState } from 'react';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { HelpLink } from '../../components/HelpLink.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

interface Termination {
  tenantId: string;
  slug: string;
  displayName: string;
  contractEnd: string;
  closedAt: string;
  completedAt: string | null;
}
interface Verdict {
  ok: boolean;
  keyId: string;
}

/** Terminated organisations and their signed deletion certificates (download, verify). */
export function TerminationsPage() {
  const { t } = useI18n();
  usePageTitle(t('contracts.listTitle'));
  const { unauthorized } = useOperatorSession();
  const loaded = useLoad(
    () => api.get<{ items: Termination[] }>('/api/operator/terminations'),
    [],
    unauthorized,
  );
  const [verdicts, setVerdicts] = useState<Record<string, Verdict>>({});
  const [error, setError] = useState<unknown>();
  const verify = (id: string) => {
    api.post<Verdict>(`/api/operator/terminations/${id}/certificate/verify`).then(
      (v) => setVerdicts((all) => ({ ...all, [id]: v })),
      (reason: unknown) => setError(reason),
    );
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('contracts.listTitle')} <HelpLink page="contract-end" topic={t('contracts.listTitle')} />
          </h1>
          <p className="page-lead">{t('contracts.listLead')}</p>
        </div>
      </div>
      {error !== undefined && <ErrorAlert error={error} />}
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : loaded.error ? (
        <ErrorAlert error={loaded.error} />
      ) : loaded.data?.items.length === 0 ? (
        <p data-testid="terminations-empty">{t('contracts.empty')}</p>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="terminations">
            <thead>
              <tr>
                <th>{t('operator.tenantDetail.title')}</th>
                <th>{t('contracts.endDate')}</th>
                <th>{t('contracts.closedAt')}</th>
                <th>{t('contracts.completedAt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {loaded.data?.items.map((x) => (
                <tr key={x.tenantId} data-testid={`termination-${x.slug}`}>
                  <td>
                    {x.displayName} <code>{x.slug}</code>
                  </td>
                  <td>{formatDate(x.contractEnd)}</td>
                  <td>{formatDateTime(x.closedAt)}</td>
                  <td>{x.completedAt ? formatDateTime(x.completedAt) : t('contracts.inProgress')}</td>
                  <td>
                    {x.completedAt && (
                      <div className="button-row">
                        <a
                          className="button button-secondary"
                          href={`/api/operator/terminations/${x.tenantId}/certificate.html`}
                          download
                        >
                          {t('contracts.html')}
                        </a>
                        <a
                          className="button button-secondary"
                          href={`/api/operator/terminations/${x.tenantId}/certificate`}
                          download
                        >
                          {t('contracts.json')}
                        </a>
                        <button
                          type="button"
                          className="button button-secondary"
                          onClick={() => verify(x.tenantId)}
                          data-testid="verify-certificate"
                        >
                          {t('contracts.verify')}
                        </button>
                      </div>
                    )}
                    {verdicts[x.tenantId] && (
                      <Alert
                        tone={verdicts[x.tenantId]!.ok ? 'success' : 'error'}
                        testId="certificate-verdict"
                        title={
                          verdicts[x.tenantId]!.ok
                            ? t('contracts.valid', { keyId: verdicts[x.tenantId]!.keyId.slice(0, 16) })
                            : t('contracts.invalid')
                        }
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
