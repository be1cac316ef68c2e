import { api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { ReleaseChanges, type Release } from '../../../components/ReleaseChanges.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDate } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

/** The whole history of release notes, for org admins (§13). */
export function ReleaseNotesPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('ops.releases.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const { data, error, loading } = useLoad(
    () => api.get<{ currentVersion: string; items: Release[] }>(`${apiBase}/admin/releases`),
    [apiBase],
    unauthorized,
  );
  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('ops.releases.title')} <HelpLink page="release-notes" topic={t('ops.releases.title')} />
          </h1>
          {data && <p className="page-lead">{t('ops.releases.lead', { version: data.currentVersion })}</p>}
        </div>
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data && data.items.length === 0 ? (
        <p className="empty">{t('ops.releases.empty')}</p>
      ) : (
        data?.items.map((r) => (
          <section key={r.id} className="card card-padded release" data-testid={`release-card-${r.version}`}>
            <h2 className="section-title">
              {r.version}{' '}
              {r.version === data.currentVersion && (
                <span className="badge badge-green">{t('ops.releases.current')}</span>
              )}
            </h2>
            <p className="muted small">{t('ops.releases.released', { date: formatDate(r.releasedOn) })}</p>
            <ReleaseChanges release={r} lang={lang} />
          </section>
        ))
      )}
    </div>
  );
}
