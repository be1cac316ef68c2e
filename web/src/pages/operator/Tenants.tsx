import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

/** Console home: every tenant with its status. */
export function TenantsPage() {
  const { t } = useI18n();
  usePageTitle(t('operator.tenants.title'));
  const { unauthorized } = useOperatorSession();
  const { data, error, loading, reload } = useLoad(
    () => api.get<{ items: Tenant[] }>('/api/operator/tenants'),
    [],
    unauthorized,
  );

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('operator.tenants.title')}</h1>
          <p className="page-lead">{t('operator.tenants.lead')}</p>
        </div>
        <Link to="/operator/tenants/new" className="button button-primary" data-testid="create-tenant">
          {t('operator.tenants.create')}
        </Link>
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error}>
          <button type="button" className="button button-secondary button-small" onClick={reload}>
            {t('common.retry')}
          </button>
        </ErrorAlert>
      ) : data && data.items.length === 0 ? (
        <div className="card empty" data-testid="tenants-empty">
          <p>{t('operator.tenants.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="tenants-table">
            <caption className="visually-hidden">{t('operator.tenants.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('operator.tenants.colName')}</th>
                <th scope="col">{t('operator.tenants.colSlug')}</th>
                <th scope="col">{t('operator.tenants.colStatus')}</th>
                <th scope="col">{t('operator.tenants.colContract')}</th>
                <th scope="col" className="hide-narrow">
                  {t('operator.tenants.colRegion')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('operator.tenants.colCreated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {data?.items.map((tenant) => (
                <tr key={tenant.id} data-testid="tenant-row" data-slug={tenant.slug}>
                  <td>
                    <Link to={`/operator/tenants/${encodeURIComponent(tenant.id)}`} className="table-link">
                      {tenant.displayName}
                    </Link>
                  </td>
                  <td>
                    <code>{tenant.slug}</code>
                  </td>
                  <td>
                    <StatusBadge status={tenant.status} />
                  </td>
                  <td className="nowrap">
                    {t('operator.tenants.contractRange', {
                      start: formatDate(tenant.contractStart),
                      end: formatDate(tenant.contractEnd),
                    })}
                  </td>
                  <td className="hide-narrow">{tenant.region}</td>
                  <td className="hide-narrow nowrap muted">{formatDateTime(tenant.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
