import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../../api/client.js';
import type { GroupView, UserPage } from '../../../../api/identity.js';
import type { ModelObjectView } from '../../../../api/model.js';
import { ErrorAlert } from '../../../../components/Alert.js';
import { HelpLink } from '../../../../components/HelpLink.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { usePageTitle } from '../../../../lib/usePageTitle.js';

/**
 * Access rights (§9), the org admins' entry: per object (which groups read / write it), per
 * group (objects and element restrictions), and per user (effective rights and why).
 */
export function RightsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('rights.title'));
  const { slug, apiBase, unauthorized } = useTenantSession();
  const [q, setQ] = useState('');
  const data = useLoad(
    async () => {
      const [objects, groups] = await Promise.all([
        api.get<{ items: ModelObjectView[] }>(`${apiBase}/model/objects`),
        api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
      ]);
      return { objects: objects.items.filter((o) => o.kind !== 'dimension'), groups: groups.items };
    },
    [apiBase],
    unauthorized,
  );
  const users = useLoad(
    () =>
      api.get<UserPage>(
        `${apiBase}/admin/users?pageSize=50${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`,
      ),
    [apiBase, q],
    unauthorized,
  );
  const base = `/t/${slug}/admin/model/rights`;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('rights.title')} <HelpLink page="model-rights" topic={t('rights.title')} />
          </h1>
          <p className="page-lead">{t('rights.lead')}</p>
        </div>
      </div>
      {data.loading && !data.data ? (
        <Loading />
      ) : !data.data ? (
        <ErrorAlert error={data.error} />
      ) : (
        <>
          <section className="card" aria-labelledby="rights-objects-title">
            <h2 id="rights-objects-title" className="section-title card-section-title">
              {t('rights.byObject')}
            </h2>
            {data.data.objects.length === 0 ? (
              <p className="empty">{t('rights.noObjects')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="rights-objects">
                  <caption className="visually-hidden">{t('rights.byObject')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('rights.object')}</th>
                      <th scope="col">{t('rights.kind')}</th>
                      <th scope="col">{t('model.fields.code')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.data.objects.map((o) => (
                      <tr key={o.id} data-testid={`rights-object-${o.kind}-${o.code}`}>
                        <td>
                          <Link to={`${base}/objects/${encodeURIComponent(o.id)}`}>{o.name[lang]}</Link>
                        </td>
                        <td>{t(`rights.kinds.${o.kind as 'cube' | 'form' | 'portal'}`)}</td>
                        <td>
                          <code>{o.code}</code>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="card" aria-labelledby="rights-groups-title">
            <h2 id="rights-groups-title" className="section-title card-section-title">
              {t('rights.byGroup')}
            </h2>
            <p className="muted card-padded">{t('rights.byGroupLead')}</p>
            <ul className="row-list">
              {data.data.groups.map((g) => (
                <li key={g.id} className="row-item">
                  <Link
                    to={`${base}/groups/${encodeURIComponent(g.id)}`}
                    data-testid={`rights-group-${g.name}`}
                  >
                    {g.name}
                  </Link>
                  <span className="muted small">{t('rights.members', { count: g.memberCount })}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <section className="card" aria-labelledby="rights-users-title">
        <h2 id="rights-users-title" className="section-title card-section-title">
          {t('rights.byUser')}
        </h2>
        <div className="card-padded">
          <label className="field-label" htmlFor="rights-user-q">
            {t('rights.userSearch')}
          </label>
          <input
            id="rights-user-q"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            data-testid="rights-user-q"
          />
        </div>
        {users.data && (
          <ul className="row-list">
            {users.data.items.map((u) => (
              <li key={u.id} className="row-item">
                <Link to={`${base}/users/${encodeURIComponent(u.id)}`} data-testid={`rights-user-${u.email}`}>
                  {u.displayName}
                </Link>
                <span className="muted small">{u.email}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
