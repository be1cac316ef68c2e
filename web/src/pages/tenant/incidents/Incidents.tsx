import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { Incident } from '../../../api/ops.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { IncidentView } from './IncidentView.js';

/** Every incident that affected this organisation, newest first (the history stays). */
export function IncidentsPage() {
  const { t } = useI18n();
  usePageTitle(t('desk.incidents.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const { data, error } = useLoad(
    () => api.get<{ items: Incident[] }>(`${apiBase}/incidents`),
    [apiBase],
    unauthorized,
  );
  return (
    <div className="page page-medium">
      <h1 className="page-title">
        {t('desk.incidents.title')} <HelpLink page="incidents" topic={t('desk.incidents.title')} />
      </h1>
      <p className="page-lead">{t('desk.incidents.lead')}</p>
      {error !== undefined && <ErrorAlert error={error} />}
      {!data ? (
        <Loading />
      ) : data.items.length === 0 ? (
        <div className="card empty">
          <p>{t('desk.incidents.empty')}</p>
        </div>
      ) : (
        <div className="stack">
          {data.items.map((i) => (
            <IncidentView key={i.id} incident={i} />
          ))}
        </div>
      )}
    </div>
  );
}

export function IncidentPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { apiBase, slug, unauthorized } = useTenantSession();
  const { data, error } = useLoad(
    () => api.get<{ incident: Incident }>(`${apiBase}/incidents/${encodeURIComponent(id)}`),
    [apiBase, id],
    unauthorized,
  );
  usePageTitle(t('desk.incidents.title'));
  return (
    <div className="page page-medium">
      <Link to={`/t/${slug}/incidents`} className="back-link">
        ← {t('desk.incidents.back')}
      </Link>
      {error !== undefined && <ErrorAlert error={error} />}
      {data ? <IncidentView incident={data.incident} heading="h1" /> : !error && <Loading />}
    </div>
  );
}
