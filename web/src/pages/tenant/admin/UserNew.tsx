import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client.js';
import type { GroupView, UiLocale, UserAdminView } from '../../../api/identity.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { CheckList } from '../../../components/CheckList.js';
import { Field } from '../../../components/Field.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Register one user: e-mail, name, language, groups, administrator. An invitation is sent. */
export function UserNewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('admin.userNew.title'));
  const navigate = useNavigate();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const groups = useLoad(
    () => api.get<{ items: GroupView[] }>(`${apiBase}/admin/groups`),
    [apiBase],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<UiLocale>(lang);
  const [groupIds, setGroupIds] = useState<Set<string>>(new Set());
  const [isOrgAdmin, setIsOrgAdmin] = useState(false);
  const fe = submit.fieldErrors;

  const onSubmit = submit.handle(async () => {
    const body = await api.post<{ user: UserAdminView }>(`${apiBase}/admin/users`, {
      email: email.trim(),
      displayName: displayName.trim(),
      locale,
      groupIds: [...groupIds],
      isOrgAdmin,
    });
    await navigate(`/t/${slug}/admin/users/${encodeURIComponent(body.user.id)}`, {
      state: { notice: t('admin.userNew.created', { name: body.user.displayName }) },
    });
  });

  return (
    <div className="page page-medium">
      <Link to={`/t/${slug}/admin/users`} className="back-link">
        ← {t('admin.userDetail.back')}
      </Link>
      <div className="card card-padded">
        <h1 className="page-title">{t('admin.userNew.title')}</h1>
        <p className="page-lead">{t('admin.userNew.lead')}</p>
        <form className="form" onSubmit={onSubmit} noValidate data-testid="user-new-form">
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          <Field name="email" label={t('common.email')} error={fe['email']} required>
            {(c) => (
              <input
                {...c}
                type="email"
                autoComplete="off"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
              />
            )}
          </Field>
          <Field name="displayName" label={t('common.displayName')} error={fe['displayName']} required>
            {(c) => (
              <input
                {...c}
                autoComplete="off"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            )}
          </Field>
          <Field name="locale" label={t('admin.userNew.language')} error={fe['locale']} required>
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
          <CheckList
            legend={t('admin.userNew.groups')}
            items={groups.data?.items ?? []}
            selected={groupIds}
            idOf={(g) => g.id}
            labelOf={(g) => g.name}
            onChange={setGroupIds}
            empty={t('admin.userNew.noGroups')}
            testId="user-new-groups"
          />
          <label className="check check-block">
            <input
              type="checkbox"
              checked={isOrgAdmin}
              onChange={(e) => setIsOrgAdmin(e.target.checked)}
              aria-describedby="user-new-admin-hint"
              data-testid="user-new-admin"
            />
            <span>
              <strong>{t('admin.userNew.admin')}</strong>
              <span className="field-hint" id="user-new-admin-hint">
                {t('admin.userNew.adminHint')}
              </span>
            </span>
          </label>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="user-new-submit"
            >
              {submit.busy ? t('common.saving') : t('admin.userNew.submit')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
