import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type { GroupDetail } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { RoleBadge, UserStateBadge } from '../../../components/Badges.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { AddMembers } from './AddMembers.js';

/** A group's members: remove one or many (checkboxes), add with a picker, delete the group. */
export function GroupDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const path = `${apiBase}/admin/groups/${encodeURIComponent(id)}`;
  const loaded = useLoad(() => api.get<GroupDetail>(path), [path], unauthorized);
  const [override, setOverride] = useState<GroupDetail>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState<'remove' | 'delete'>();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();
  const detail = override ?? loaded.data;
  usePageTitle(detail?.group.name ?? t('admin.groups.title'));

  if (loaded.loading && !detail) return <Loading />;
  if (!detail) return <ErrorAlert error={loaded.error} />;
  const { group, members } = detail;
  const back = `/t/${slug}/admin/groups`;

  const run = (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    action()
      .catch((reason: unknown) =>
        reason instanceof ApiError && reason.status === 401 ? unauthorized() : setError(reason),
      )
      .finally(() => {
        setBusy(false);
        setConfirming(undefined);
      });
  };
  const confirm = () =>
    confirming === 'delete'
      ? run(async () => {
          await api.delete(path);
          await navigate(back, { state: { notice: t('admin.groupDetail.deleted', { name: group.name }) } });
        })
      : run(async () => {
          setOverride(await api.post<GroupDetail>(`${path}/members/remove`, { userIds: [...selected] }));
          setSelected(new Set());
          setNotice(t('admin.groupDetail.removed'));
        });
  const toggle = (userId: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(userId);
    else next.delete(userId);
    setSelected(next);
  };
  const allSelected = members.length > 0 && members.every((m) => selected.has(m.id));

  return (
    <div className="page page-medium">
      <Link to={back} className="back-link">
        ← {t('admin.groupDetail.back')}
      </Link>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="group-name">
            {group.name}
          </h1>
          {group.description && <p className="page-lead">{group.description}</p>}
        </div>
        <button
          type="button"
          className="button button-danger-outline"
          onClick={() => setConfirming('delete')}
          data-testid="group-delete"
        >
          {t('admin.groupDetail.deleteGroup')}
        </button>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {error !== undefined && <ErrorAlert error={error} />}
      <section className="card" aria-labelledby="members-title">
        <div className="card-toolbar">
          <h2 id="members-title" className="section-title">
            {t('admin.groupDetail.members')}{' '}
            <span className="muted small">
              {t('admin.groupDetail.memberCount', { count: members.length })}
            </span>
          </h2>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger-outline button-small"
              disabled={selected.size === 0}
              onClick={() => setConfirming('remove')}
              data-testid="members-remove"
            >
              {t('admin.groupDetail.removeSelected', { count: selected.size })}
            </button>
            <button
              type="button"
              className="button button-secondary button-small"
              aria-expanded={adding}
              onClick={() => setAdding((v) => !v)}
              data-testid="members-add-open"
            >
              {t('admin.groupDetail.add')}
            </button>
          </div>
        </div>
        {adding && (
          <AddMembers
            apiBase={apiBase}
            exclude={new Set(members.map((m) => m.id))}
            onAdd={(userIds) =>
              run(async () => {
                setOverride(await api.post<GroupDetail>(`${path}/members`, { userIds }));
                setAdding(false);
                setNotice(t('admin.groupDetail.added'));
              })
            }
            busy={busy}
          />
        )}
        {members.length === 0 ? (
          <p className="empty">{t('admin.groupDetail.noMembers')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="members-table">
              <caption className="visually-hidden">{t('admin.groupDetail.members')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="cell-check">
                    <input
                      type="checkbox"
                      checked={allSelected}
                      aria-label={t('admin.groupDetail.selectAll')}
                      onChange={(e) => setSelected(new Set(e.target.checked ? members.map((m) => m.id) : []))}
                    />
                  </th>
                  <th scope="col">{t('admin.users.colName')}</th>
                  <th scope="col">{t('admin.users.colEmail')}</th>
                  <th scope="col">{t('admin.users.colRole')}</th>
                  <th scope="col">{t('admin.users.colState')}</th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id} data-testid="member-row" data-email={m.email}>
                    <td className="cell-check">
                      <input
                        type="checkbox"
                        checked={selected.has(m.id)}
                        aria-label={t('admin.groupDetail.select', { name: m.displayName })}
                        onChange={(e) => toggle(m.id, e.target.checked)}
                      />
                    </td>
                    <td>
                      <Link to={`/t/${slug}/admin/users/${encodeURIComponent(m.id)}`} className="table-link">
                        {m.displayName}
                      </Link>
                    </td>
                    <td className="cell-wrap">{m.email}</td>
                    <td>
                      <RoleBadge isAdmin={m.isOrgAdmin} />
                    </td>
                    <td>
                      <UserStateBadge state={m.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <ConfirmDialog
        open={confirming !== undefined}
        danger
        busy={busy}
        title={
          confirming === 'delete'
            ? t('admin.groupDetail.deleteTitle', { name: group.name })
            : t('admin.groupDetail.removeTitle', { count: selected.size, group: group.name })
        }
        confirmLabel={
          confirming === 'delete'
            ? t('admin.groupDetail.deleteGroup')
            : t('admin.groupDetail.removeSelected', { count: selected.size })
        }
        onConfirm={confirm}
        onCancel={() => setConfirming(undefined)}
      >
        <p>{t(confirming === 'delete' ? 'admin.groupDetail.deleteBody' : 'admin.groupDetail.removeBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
