import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { GroupView, UiLocale, UserAdminView } from '../../../api/identity.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { CheckList } from '../../../components/CheckList.js';
import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Name and language of a user (PATCH admin/users/:id). */
export function UserProfileForm(props: {
  user: UserAdminView;
  path: string;
  onSaved: (u: UserAdminView) => void;
}) {
  const { user, path, onSaved } = props;
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [locale, setLocale] = useState<UiLocale>(user.locale === 'en' ? 'en' : 'ja');
  const onSubmit = submit.handle(async () => {
    const body = await api.patch<{ user: UserAdminView }>(path, { displayName: displayName.trim(), locale });
    onSaved(body.user);
  });
  return (
    <section className="card card-padded" aria-labelledby="user-profile-title">
      <h2 id="user-profile-title" className="section-title">
        {t('admin.userDetail.profile')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="user-profile-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field
            name="displayName"
            label={t('common.displayName')}
            error={submit.fieldErrors['displayName']}
            required
          >
            {(c) => <input {...c} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
          </Field>
          <Field name="locale" label={t('admin.userNew.language')} required>
            {(c) => (
              <select
                {...c}
                value={locale}
                onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'ja')}
              >
                <option value="ja">日本語</option>
                <option value="en">English</option>
              </select>
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="user-profile-save"
          >
            {submit.busy ? t('common.saving') : t('admin.userDetail.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

/**
 * The user's groups. There is no per-user groups route: each added or removed group is
 * changed through `admin/groups/:id/members` (and `/members/remove`).
 */
export function UserGroupsForm(props: {
  user: UserAdminView;
  groups: GroupView[];
  apiBase: string;
  onSaved: (u: UserAdminView) => void;
  reload: () => void;
}) {
  const { user, groups, apiBase, onSaved, reload } = props;
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const current = new Set(user.groups.map((g) => g.id));
  const [selected, setSelected] = useState<Set<string>>(current);
  const onSubmit = submit.handle(async () => {
    const add = [...selected].filter((id) => !current.has(id));
    const remove = [...current].filter((id) => !selected.has(id));
    const userIds = [user.id];
    try {
      for (const id of add)
        await api.post(`${apiBase}/admin/groups/${encodeURIComponent(id)}/members`, { userIds });
      for (const id of remove)
        await api.post(`${apiBase}/admin/groups/${encodeURIComponent(id)}/members/remove`, { userIds });
    } catch (error) {
      reload();
      throw error;
    }
    const chosen = groups.filter((g) => selected.has(g.id)).map((g) => ({ id: g.id, name: g.name }));
    onSaved({ ...user, groups: chosen });
  });
  return (
    <section className="card card-padded" aria-labelledby="user-groups-title">
      <h2 id="user-groups-title" className="visually-hidden">
        {t('admin.userDetail.groups')}
      </h2>
      <form className="form" onSubmit={onSubmit} data-testid="user-groups-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <CheckList
          legend={t('admin.userDetail.groups')}
          items={groups}
          selected={selected}
          idOf={(g) => g.id}
          labelOf={(g) => g.name}
          onChange={setSelected}
          empty={t('admin.userNew.noGroups')}
          testId="user-groups"
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={submit.busy}
            data-testid="user-groups-save"
          >
            {submit.busy ? t('common.saving') : t('admin.userDetail.groupsSave')}
          </button>
        </div>
      </form>
    </section>
  );
}
