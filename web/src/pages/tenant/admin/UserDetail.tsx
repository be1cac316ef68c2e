import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type { GroupView, UserAdminView } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { RoleBadge, UserStateBadge } from '../../../components/Badges.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { Loading } from '../../../components/Loading.js';
import type { MessageKey } from '../../../i18n/index.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { noticeOf } from './notice.js';
import { UserGroupsForm, UserProfileForm } from './UserForms.js';

type Action = 'grant' | 'revoke' | 'sessions' | 'delete';

const DIALOG: Record<Action, { title: MessageKey; body: MessageKey; confirm: MessageKey; danger: boolean }> =
  {
    grant: {
      title: 'admin.userDetail.grantTitle',
      body: 'admin.userDetail.grantBody',
      confirm: 'admin.userDetail.grant',
      danger: false,
    },
    revoke: {
      title: 'admin.userDetail.revokeTitle',
      body: 'admin.userDetail.revokeBody',
      confirm: 'admin.userDetail.revoke',
      danger: true,
    },
    sessions: {
      title: 'admin.userDetail.endSessionsTitle',
      body: 'admin.userDetail.endSessionsBody',
      confirm: 'admin.userDetail.endSessions',
      danger: true,
    },
    delete: {
      title: 'admin.userDetail.deleteTitle',
      body: 'admin.userDetail.deleteBody',
      confirm: 'admin.userDetail.delete',
      danger: true,
    },
  };

/** One user: profile, groups, administrator rights, invitation, sessions, deletion. */
export function UserDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const path = `${apiBase}/admin/users/${encodeURIComponent(id)}`;
  const loaded = useLoad(() => api.get<{ user: UserAdminView }>(path), [path], unauthorized);
  const groups = useLoad(
    () => api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
    [apiBase],
    unauthorized,
  );
  const [override, setOverride] = useState<UserAdminView>();
  const [notice, setNotice] = useState<string | undefined>(() => noticeOf(location.state));
  const [pending, setPending] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const user = override ?? loaded.data?.user;
  usePageTitle(user?.displayName ?? t('admin.users.title'));

  if (loaded.loading && !user) return <Loading />;
  if (!user) return <ErrorAlert error={loaded.error} />;
  const names = { name: user.displayName, email: user.email };

  const fail = (reason: unknown) => {
    if (reason instanceof ApiError && reason.status === 401) unauthorized();
    else setActionError(reason);
  };
  const run = (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(undefined);
    setNotice(undefined);
    action()
      .catch(fail)
      .finally(() => {
        setBusy(false);
        setPending(undefined);
      });
  };
  const confirm = () => {
    if (pending === 'grant' || pending === 'revoke') {
      run(async () => {
        const body = await api.post<{ user: UserAdminView }>(`${path}/role`, {
          isOrgAdmin: pending === 'grant',
        });
        setOverride(body.user);
        setNotice(t('admin.userDetail.roleChanged'));
      });
    } else if (pending === 'sessions') {
      run(async () => {
        await api.post(`${path}/sessions/revoke`);
        setNotice(t('admin.userDetail.sessionsEnded'));
      });
    } else if (pending === 'delete') {
      run(async () => {
        await api.delete(path);
        await navigate(`/t/${slug}/admin/users`, { state: { notice: t('admin.userDetail.deleted', names) } });
      });
    }
  };
  const resend = () =>
    run(async () => {
      await api.post(`${path}/invitation`);
      setNotice(t('admin.userDetail.resent'));
    });
  const saved = (next: UserAdminView, message: string) => {
    setOverride(next);
    setActionError(undefined);
    setNotice(message);
  };
  const dialog = pending ? DIALOG[pending] : undefined;

  return (
    <div className="page page-medium">
      <Link to={`/t/${slug}/admin/users`} className="back-link">
        ← {t('admin.userDetail.back')}
      </Link>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="user-detail-name">
            {user.displayName} <RoleBadge isAdmin={user.isOrgAdmin} /> <UserStateBadge state={user.state} />
          </h1>
          <p className="page-lead">{user.email}</p>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {actionError !== undefined && <ErrorAlert error={actionError} />}
      <section className="card">
        <h2 className="section-title card-section-title">{t('admin.userDetail.facts')}</h2>
        <dl className="details" data-testid="user-facts">
          <div className="details-row">
            <dt>{t('admin.userDetail.createdAt')}</dt>
            <dd>{formatDateTime(user.createdAt)}</dd>
          </div>
          <div className="details-row">
            <dt>{t('admin.userDetail.lastSignIn')}</dt>
            <dd>{formatDateTime(user.lastSignInAt)}</dd>
          </div>
          <div className="details-row">
            <dt>{t('admin.userDetail.twoFactor')}</dt>
            <dd>{user.totpEnabled ? t('account.me.totpOn') : t('account.me.totpOff')}</dd>
          </div>
        </dl>
      </section>
      <UserProfileForm user={user} path={path} onSaved={(u) => saved(u, t('admin.userDetail.saved'))} />
      <UserGroupsForm
        user={user}
        groups={groups.data?.items ?? []}
        apiBase={apiBase}
        onSaved={(u) => saved(u, t('admin.userDetail.groupsSaved'))}
        reload={() => {
          setOverride(undefined);
          loaded.reload();
        }}
      />
      <section className="card card-padded action-card">
        <div>
          <h2 className="section-title">{t('admin.userDetail.role')}</h2>
          <p className="muted">
            {t(user.isOrgAdmin ? 'admin.userDetail.roleAdminText' : 'admin.userDetail.roleMemberText', names)}
          </p>
        </div>
        <button
          type="button"
          className={user.isOrgAdmin ? 'button button-danger-outline' : 'button button-secondary'}
          onClick={() => setPending(user.isOrgAdmin ? 'revoke' : 'grant')}
          data-testid={user.isOrgAdmin ? 'user-revoke-admin' : 'user-grant-admin'}
        >
          {t(user.isOrgAdmin ? 'admin.userDetail.revoke' : 'admin.userDetail.grant')}
        </button>
      </section>
      {user.state === 'invited' && (
        <section className="card card-padded action-card">
          <div>
            <h2 className="section-title">{t('admin.userDetail.invitation')}</h2>
            <p className="muted">{t('admin.userDetail.invitationText', names)}</p>
          </div>
          <button
            type="button"
            className="button button-secondary"
            onClick={resend}
            disabled={busy}
            data-testid="user-resend-invitation"
          >
            {t('admin.userDetail.resend')}
          </button>
        </section>
      )}
      <section className="card card-padded action-card">
        <div>
          <h2 className="section-title">{t('admin.userDetail.access')}</h2>
          <p className="muted">{t('admin.userDetail.endSessionsBody', names)}</p>
        </div>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => setPending('sessions')}
          data-testid="user-end-sessions"
        >
          {t('admin.userDetail.endSessions')}
        </button>
      </section>
      <section className="card card-padded action-card danger-zone">
        <div>
          <h2 className="section-title">{t('admin.userDetail.danger')}</h2>
          <p className="muted">{t('admin.userDetail.dangerText')}</p>
        </div>
        <button
          type="button"
          className="button button-danger-outline"
          onClick={() => setPending('delete')}
          data-testid="user-delete"
        >
          {t('admin.userDetail.delete')}
        </button>
      </section>
      <ConfirmDialog
        open={dialog !== undefined}
        danger={dialog?.danger}
        busy={busy}
        title={dialog ? t(dialog.title, names) : ''}
        confirmLabel={dialog ? t(dialog.confirm) : ''}
        onConfirm={confirm}
        onCancel={() => setPending(undefined)}
      >
        {dialog && <p>{t(dialog.body, names)}</p>}
      </ConfirmDialog>
    </div>
  );
}
