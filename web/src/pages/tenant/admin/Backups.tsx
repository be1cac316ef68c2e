import { api, tenantApi } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { BackupFacts, type BackupStatusView } from '../../../components/BackupFacts.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

/** Org admins: the backup facts of their own organisation. */
export function TenantBackupsPage() {
  const { t } = useI18n();
  usePageTitle(t('backups.title'));
  const { slug, unauthorized } = useTenantSession();
  const { data, error, loading } = useLoad(
    () => api.get<BackupStatusView>(`${tenantApi(slug)}/admin/backups`),
    [slug],
    unauthorized,
  );
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('backups.title')} <HelpLink page="org-admin-backups" topic={t('backups.title')} />
          </h1>
          <p className="page-lead">{t('backups.adminLead')}</p>
        </div>
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data ? (
        <div className="card">
          <BackupFacts status={data} testId="tenant-backups" />
        </div>
      ) : null}
    </div>
  );
}
