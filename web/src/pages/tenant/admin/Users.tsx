import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { GroupView, UserPage } from '../../../api/identity.js';
import { USER_STATES } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { RoleBadge, UserStateBadge } from '../../../components/Badges.js';
import { CsvCharsetSelect, useCsvCharset, withCharset } from '../../../components/CsvCharsetSelect.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { Pager } from '../../../components/Pager.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { PAGE_SIZE, parseUserQuery, userQueryParams, withFilter } from '../../../lib/userQuery.js';
import type { UserQuery } from '../../../lib/userQuery.js';
import { noticeOf } from './notice.js';

/** Users: search, filters (group / role / state) in the URL, paging. */
export function UsersPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('admin.users.title'));
  const location = useLocation();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const [params, setParams] = useSearchParams();
  const query = parseUserQuery(params);
  const [search, setSearch] = useState(query.q);
  const notice = noticeOf(location.state);
  const [charset, setCharset] = useCsvCharset();

  const groups = useLoad(
    () => api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
    [apiBase],
    unauthorized,
  );
  const users = useLoad(
    () => api.get<UserPage>(`${apiBase}/admin/users?${userQueryParams(query, PAGE_SIZE).toString()}`),
    [apiBase, params.toString()],
    unauthorized,
  );
  const go = (next: UserQuery) => setParams(userQueryParams(next));
  const base = `/t/${slug}/admin/users`;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.users.title')} <HelpLink page="user-register" topic={t('admin.users.title')} />
          </h1>
          <p className="page-lead">{t('admin.users.lead')}</p>
        </div>
        <div className="button-row">
          <a
            className="button button-secondary"
            href={withCharset(`${apiBase}/admin/users/export?lang=${lang}`, charset)}
            title={t('csv.usersExportHint')}
            download
            data-testid="users-export"
          >
            {t('csv.usersExport')}
          </a>
          <CsvCharsetSelect value={charset} onChange={setCharset} testId="users-export-charset" />
          <Link to={`${base}/import`} className="button button-secondary" data-testid="users-import">
            {t('admin.users.import')}
          </Link>
          <Link to={`${base}/new`} className="button button-primary" data-testid="users-register">
            {t('admin.users.register')}
          </Link>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      <form
        className="card card-padded filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(withFilter(query, { q: search.trim() }));
        }}
      >
        <div className="field filter-search">
          <label className="field-label" htmlFor="users-q">
            {t('admin.users.search')}
          </label>
          <div className="inline-form-row">
            <input
              id="users-q"
              type="search"
              value={search}
              placeholder={t('admin.users.searchPlaceholder')}
              onChange={(e) => setSearch(e.target.value)}
              data-testid="users-search"
            />
            <button type="submit" className="button button-secondary">
              {t('admin.users.searchSubmit')}
            </button>
          </div>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="users-group">
            {t('admin.users.group')}
          </label>
          <select
            id="users-group"
            value={query.group}
            onChange={(e) => go(withFilter(query, { group: e.target.value }))}
            data-testid="users-filter-group"
          >
            <option value="">{t('admin.users.all')}</option>
            {groups.data?.items.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="users-role">
            {t('admin.users.role')}
          </label>
          <select
            id="users-role"
            value={query.role}
            onChange={(e) => go(withFilter(query, { role: e.target.value as UserQuery['role'] }))}
            data-testid="users-filter-role"
          >
            <option value="">{t('admin.users.all')}</option>
            <option value="admin">{t('admin.users.roleAdmin')}</option>
            <option value="member">{t('admin.users.roleMember')}</option>
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="users-state">
            {t('admin.users.state')}
          </label>
          <select
            id="users-state"
            value={query.state}
            onChange={(e) => go(withFilter(query, { state: e.target.value as UserQuery['state'] }))}
            data-testid="users-filter-state"
          >
            <option value="">{t('admin.users.all')}</option>
            {USER_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`userState.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {users.loading && !users.data ? (
        <Loading />
      ) : users.error ? (
        <ErrorAlert error={users.error} />
      ) : users.data && users.data.items.length === 0 ? (
        <div className="card empty" data-testid="users-empty">
          <p>{t('admin.users.empty')}</p>
        </div>
      ) : (
        users.data && (
          <>
            <div className="card table-wrap">
              <table className="table" data-testid="users-table" aria-busy={users.loading}>
                <caption className="visually-hidden">{t('admin.users.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.colName')}</th>
                    <th scope="col">{t('admin.users.colEmail')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('admin.users.colGroups')}
                    </th>
                    <th scope="col">{t('admin.users.colRole')}</th>
                    <th scope="col">{t('admin.users.colState')}</th>
                    <th scope="col" className="hide-narrow">
                      {t('admin.users.colLastSignIn')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((u) => (
                    <tr key={u.id} data-testid="user-row" data-email={u.email}>
                      <td>
                        <Link to={`${base}/${encodeURIComponent(u.id)}`} className="table-link">
                          {u.displayName}
                        </Link>
                      </td>
                      <td className="cell-wrap">{u.email}</td>
                      <td className="hide-narrow">
                        {u.groups.map((g) => g.name).join(lang === 'ja' ? '、' : ', ')}
                      </td>
                      <td>
                        <RoleBadge isAdmin={u.isOrgAdmin} />
                      </td>
                      <td>
                        <UserStateBadge state={u.state} />
                      </td>
                      <td className="hide-narrow nowrap muted">{formatDateTime(u.lastSignInAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={users.data.page}
              pageSize={users.data.pageSize}
              total={users.data.total}
              onPage={(page) => go({ ...query, page })}
            />
          </>
        )
      )}
    </div>
  );
}
