import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { useLoad } from '../../lib/useLoad.js';
import { tokenFromHash, useSubmit } from '../../lib/useSubmit.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

/** `/t/:slug/invite#token=XYZ`: check the invitation, choose a password, then sign in. */
export function InvitePage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const token = tokenFromHash(useLocation().hash);
  const { slug, apiBase, tenant } = useTenantSession();
  usePageTitle(t('tenant.invite.title', { name: tenant.displayName }));
  const invitation = useLoad(
    () =>
      token
        ? api.post<{ email: string; displayName: string }>(`${apiBase}/invitations/inspect`, { token })
        : Promise.resolve(undefined),
    [token, apiBase],
  );
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);

  const onSubmit = submit.handle(async () => {
    setAttempted(true);
    if (password !== confirm) return;
    await api.post(`${apiBase}/invitations/accept`, { token, password });
    await navigate(`/t/${slug}/sign-in`, {
      replace: true,
      state: { notice: 'passwordSet', email: invitation.data?.email },
    });
  });

  let content;
  if (!token) {
    content = <Alert tone="error" title={t('tenant.invite.noToken')} testId="invite-invalid" />;
  } else if (invitation.loading) {
    content = <Loading />;
  } else if (!invitation.data) {
    content = (
      <ErrorAlert error={invitation.error} title={t('tenant.invite.invalidTitle')}>
        <p>{t('tenant.invite.askAdmin')}</p>
      </ErrorAlert>
    );
  } else {
    content = (
      <form className="form" onSubmit={onSubmit} noValidate data-testid="invite-form">
        <div className="account-box" data-testid="invite-account">
          <span className="account-label">{t('tenant.invite.account')}</span>
          <strong>{invitation.data.displayName}</strong>
          <span className="muted">{invitation.data.email}</span>
        </div>
        {/* Lets password managers store the new password with the right user name. */}
        <input type="email" value={invitation.data.email} autoComplete="username" readOnly hidden />
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          error={submit.fieldErrors['password']}
          showMismatch={attempted}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary button-block"
            disabled={submit.busy}
            data-testid="invite-submit"
          >
            {submit.busy ? t('common.saving') : t('tenant.invite.submit')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('tenant.invite.title', { name: tenant.displayName })}</h1>
        {(invitation.loading || invitation.data) && <p className="page-lead">{t('tenant.invite.lead')}</p>}
        {content}
      </div>
    </div>
  );
}
