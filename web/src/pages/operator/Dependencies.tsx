import { useState } from 'react';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { HelpLink } from '../../components/HelpLink.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

interface Dependencies {
  available: boolean;
  runningVersion: string;
  format: string | null;
  generatedAt: string | null;
  dependencies: { name: string; version: string; license: string | null }[];
}

/** The production dependencies with versions, read from the build's SBOM (§16). */
export function DependenciesPage() {
  const { t } = useI18n();
  usePageTitle(t('ops.deps.title'));
  const { unauthorized } = useOperatorSession();
  const { data, error, loading } = useLoad(
    () => api.get<Dependencies>('/api/operator/dependencies'),
    [],
    unauthorized,
  );
  const [filter, setFilter] = useState('');
  const rows = data?.dependencies.filter((d) => d.name.includes(filter.trim().toLowerCase())) ?? [];
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('ops.deps.title')} <HelpLink page="operator-dependencies" topic={t('ops.deps.title')} />
          </h1>
          <p className="page-lead">{t('ops.deps.lead')}</p>
        </div>
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data && !data.available ? (
        <Alert tone="warning">{t('ops.deps.missing')}</Alert>
      ) : data ? (
        <>
          <p className="muted" data-testid="deps-summary">
            {t('ops.deps.summary', {
              count: data.dependencies.length,
              format: data.format ?? '',
              at: formatDateTime(data.generatedAt),
              version: data.runningVersion,
            })}
          </p>
          <div className="inline-form-row">
            <label htmlFor="deps-filter">{t('ops.deps.filter')}</label>
            <input
              id="deps-filter"
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </div>
          <div className="table-wrap">
            <table className="table" data-testid="deps-table">
              <thead>
                <tr>
                  <th scope="col">{t('ops.deps.name')}</th>
                  <th scope="col">{t('ops.deps.version')}</th>
                  <th scope="col">{t('ops.deps.license')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((d) => (
                  <tr key={`${d.name}@${d.version}`}>
                    <td>
                      <code>{d.name}</code>
                    </td>
                    <td>{d.version}</td>
                    <td>{d.license ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
