import { useEffect, useState } from 'react';
import { api } from '../../../api/client.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

interface ExportItem {
  id: string;
  status: 'queued' | 'running' | 'ready' | 'failed' | 'expired';
  progress: number;
  requestedBy: string | null;
  createdAt: string;
  expiresAt: string | null;
  bytes: number | null;
}

const size = (bytes: number | null) =>
  bytes === null
    ? ''
    : bytes < 1024 * 1024
      ? `${Math.ceil(bytes / 1024)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Org admins: export the whole organisation as one archive (built in the background, 7 days). */
export function ExportPage() {
  const { t } = useI18n();
  usePageTitle(t('exports.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const path = `${apiBase}/admin/exports`;
  const loaded = useLoad(() => api.get<{ items: ExportItem[] }>(path), [path], unauthorized);
  const submit = useSubmit(unauthorized);
  const [requested, setRequested] = useState(false);
  const items = loaded.data?.items ?? [];
  const working = items.some((e) => e.status === 'queued' || e.status === 'running');
  const { reload } = loaded;
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(reload, 1000);
    return () => clearInterval(timer);
  }, [working, reload]);

  const onRequest = submit.handle(async () => {
    await api.post(path);
    setRequested(true);
    reload();
  });

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('exports.title')} <HelpLink page="export" topic={t('exports.title')} />
          </h1>
          <p className="page-lead">{t('exports.lead')}</p>
        </div>
      </div>
      <form onSubmit={onRequest} className="form">
        {requested && working && (
          <Alert tone="info" testId="export-requested" title={t('exports.requested')} />
        )}
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy || working}
            data-testid="export-request"
          >
            {t('exports.request')}
          </button>
        </div>
      </form>
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : loaded.error ? (
        <ErrorAlert error={loaded.error} />
      ) : items.length === 0 ? (
        <p data-testid="exports-empty">{t('exports.empty')}</p>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="exports">
            <thead>
              <tr>
                <th>{t('exports.createdAt')}</th>
                <th>{t('exports.by')}</th>
                <th>{t('exports.status')}</th>
                <th>{t('exports.expiresAt')}</th>
                <th>{t('exports.size')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.id} data-testid="export-row" data-status={e.status}>
                  <td>{formatDateTime(e.createdAt)}</td>
                  <td>{e.requestedBy}</td>
                  <td>
                    {t(`exports.state.${e.status}`)}
                    {e.status === 'running' && (
                      <progress max={100} value={e.progress} aria-label={t('exports.progress')} />
                    )}
                  </td>
                  <td>{e.expiresAt ? formatDateTime(e.expiresAt) : ''}</td>
                  <td>{size(e.bytes)}</td>
                  <td>
                    {e.status === 'ready' && (
                      <a
                        className="button button-secondary"
                        href={`${path}/${e.id}/download`}
                        download
                        data-testid="export-download"
                      >
                        {t('exports.download')}
                      </a>
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
