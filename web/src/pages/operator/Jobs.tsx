import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { JOB_STATUSES } from '../../api/types.js';
import type { Job, JobStatus, Tenant } from '../../api/types.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

function isJobStatus(value: string | null): value is JobStatus {
  return JOB_STATUSES.some((s) => s === value);
}

/** Background jobs, filtered by `?status=` (kept in the URL so the view can be shared / reloaded). */
export function JobsPage() {
  const { t } = useI18n();
  usePageTitle(t('operator.jobs.title'));
  const { unauthorized } = useOperatorSession();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isJobStatus(raw) ? raw : undefined;
  const { data, error, loading, reload } = useLoad(
    () => api.get<{ items: Job[] }>(status ? `/api/operator/jobs?status=${status}` : '/api/operator/jobs'),
    [status],
    unauthorized,
  );

  // Names the tenant of each job; the list is small and jobs stay readable without it.
  const tenants = useLoad(() => api.get<{ items: Tenant[] }>('/api/operator/tenants'), [], unauthorized);
  const tenantById = new Map((tenants.data?.items ?? []).map((tenant) => [tenant.id, tenant]));

  const filters: { value: JobStatus | undefined; label: string }[] = [
    { value: undefined, label: t('operator.jobs.all') },
    ...JOB_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
  ];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('operator.jobs.title')}</h1>
          <p className="page-lead">{t('operator.jobs.lead')}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={reload} disabled={loading}>
          {t('operator.jobs.refresh')}
        </button>
      </div>
      <div className="segmented" role="group" aria-label={t('operator.jobs.filter')} data-testid="job-filter">
        {filters.map((f) => (
          <button
            key={f.value ?? 'all'}
            type="button"
            className={f.value === status ? 'segment is-active' : 'segment'}
            aria-pressed={f.value === status}
            data-testid={`job-filter-${f.value ?? 'all'}`}
            onClick={() => setParams(f.value ? { status: f.value } : {})}
          >
            {f.label}
          </button>
        ))}
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : !data || data.items.length === 0 ? (
        <div className="card empty" data-testid="jobs-empty">
          <p>{t('operator.jobs.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="jobs-table">
            <caption className="visually-hidden">{t('operator.jobs.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('operator.jobs.colType')}</th>
                <th scope="col">{t('operator.jobs.colStatus')}</th>
                <th scope="col" className="num">
                  {t('operator.jobs.colAttempts')}
                </th>
                <th scope="col">{t('operator.jobs.colRunAt')}</th>
                <th scope="col" className="hide-narrow">
                  {t('operator.jobs.colTenant')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('operator.jobs.colUpdated')}
                </th>
                <th scope="col">{t('operator.jobs.colError')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((job) => (
                <tr key={job.id} data-testid="job-row" data-status={job.status}>
                  <td>
                    <code>{job.type}</code>
                  </td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td className="num">
                    {job.attempts} / {job.maxAttempts}
                  </td>
                  <td className="nowrap">{formatDateTime(job.runAt)}</td>
                  <td className="hide-narrow">
                    <JobTenant
                      id={job.tenantId}
                      tenant={job.tenantId ? tenantById.get(job.tenantId) : undefined}
                    />
                  </td>
                  <td className="hide-narrow nowrap muted">{formatDateTime(job.updatedAt)}</td>
                  <td className={job.lastError ? 'cell-error' : 'muted'}>
                    {job.lastError ?? t('common.none')}
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

function JobTenant({ id, tenant }: { id: string | null; tenant: Tenant | undefined }) {
  const { t } = useI18n();
  if (!id) return <span className="muted">{t('common.none')}</span>;
  if (!tenant) return <code className="muted">{id}</code>;
  return (
    <Link to={`/operator/tenants/${encodeURIComponent(id)}`} className="table-link">
      {tenant.slug}
    </Link>
  );
}
