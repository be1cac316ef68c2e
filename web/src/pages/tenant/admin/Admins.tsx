import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type { UserAdminView, UserPage } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { UserStateBadge } from '../../../components/Badges.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

const MAX = 200;

/** Organisation administrators: list, grant to a member, revoke (the server keeps at least one). */
export function AdminsPage() {
  const { t } = useI18n();
  usePageTitle(t('admin.admins.title'));
  const { slug, apiBase, user: me, unauthorized } = useTenantSession();
  const list = (role: string) =>
    api.get<UserPage>(
      `${apiBase}/admin/users?${new URLSearchParams({ role, pageSize: String(MAX) }).toString()}`,
    );
  const admins = useLoad(() => list('admin'), [apiBase], unauthorized);
  const members = useLoad(() => list('member'), [apiBase], unauthorized);
  const [pick, setPick] = useState('');
  const [pending, setPending] = useState<{ user: UserAdminView; grant: boolean }>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();

  const confirm = () => {
    if (!pending) return;
    const { user, grant } = pending;
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    api
      .post(`${apiBase}/admin/users/${encodeURIComponent(user.id)}/role`, { isOrgAdmin: grant })
      .then(
        () => {
          setNotice(t(grant ? 'admin.admins.granted' : 'admin.admins.revoked', { name: user.displayName }));
          setPick('');
          admins.reload();
          members.reload();
        },
        (reason: unknown) =>
          reason instanceof ApiError && reason.status === 401 ? unauthorized() : setError(reason),
      )
      .finally(() => {
        setBusy(false);
        setPending(undefined);
      });
  };
  const candidate = members.data?.items.find((u) => u.id === pick);

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.admins.title')} <HelpLink page="org-admins" topic={t('admin.admins.title')} />
          </h1>
          <p className="page-lead">{t('admin.admins.lead')}</p>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {error !== undefined && <ErrorAlert error={error} />}
      {admins.loading && !admins.data ? (
        <Loading />
      ) : admins.error ? (
        <ErrorAlert error={admins.error} />
      ) : (
        <div className="card">
          <ul className="row-list" data-testid="admins-list">
            {admins.data?.items.map((u) => (
              <li key={u.id} className="row-item" data-testid="admin-row" data-email={u.email}>
                <div>
                  <Link to={`/t/${slug}/admin/users/${encodeURIComponent(u.id)}`} className="table-link">
                    {u.displayName}
                  </Link>
                  {u.id === me?.id && <span className="muted small"> ({t('admin.admins.you')})</span>}
                  <p className="muted small">
                    {u.email} · {formatDateTime(u.lastSignInAt)}
                  </p>
                </div>
                <div className="button-row">
                  <UserStateBadge state={u.state} />
                  <button
                    type="button"
                    className="button button-danger-outline button-small"
                    aria-label={t('admin.admins.revokeLabel', { name: u.displayName })}
                    onClick={() => setPending({ user: u, grant: false })}
                    data-testid="admin-revoke"
                  >
                    {t('admin.admins.revoke')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        className="card card-padded form"
        onSubmit={(e) => {
          e.preventDefault();
          if (candidate) setPending({ user: candidate, grant: true });
        }}
        data-testid="admin-grant-form"
      >
        <h2 className="section-title">{t('admin.admins.grant')}</h2>
        <div className="inline-form-row">
          <label className="visually-hidden" htmlFor="admin-pick">
            {t('admin.admins.grantPick')}
          </label>
          <select
            id="admin-pick"
            value={pick}
            onChange={(e) => setPick(e.target.value)}
            data-testid="admin-pick"
          >
            <option value="">{t('admin.admins.grantNone')}</option>
            {members.data?.items.map((u) => (
              <option key={u.id} value={u.id}>
                {u.displayName} ({u.email})
              </option>
            ))}
          </select>
          <button
            type="submit"
            className="button button-primary"
            disabled={!candidate}
            data-testid="admin-grant"
          >
            {t('admin.admins.grant')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={pending !== undefined}
        danger={pending ? !pending.grant : false}
        busy={busy}
        title={
          pending
            ? t(pending.grant ? 'admin.userDetail.grantTitle' : 'admin.userDetail.revokeTitle', {
                name: pending.user.displayName,
              })
            : ''
        }
        confirmLabel={t(pending?.grant ? 'admin.userDetail.grant' : 'admin.userDetail.revoke')}
        onConfirm={confirm}
        onCancel={() => setPending(undefined)}
      >
        {pending && (
          <p>
            {t(pending.grant ? 'admin.userDetail.grantBody' : 'admin.userDetail.revokeBody', {
              name: pending.user.displayName,
            })}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
