import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, forgetCsrfToken } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { tokenFromHash, useSubmit } from '../../lib/useSubmit.js';

/** `/t/:slug/reset-password#token=…`: inspect → new password twice → sign-in. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('account.reset.title'));
  const navigate = useNavigate();
  const token = tokenFromHash(useLocation().hash);
  const { slug, apiBase, setUser } = useTenantSession();
  const inspected = useLoad(
    () =>
      token
        ? api.post<{ email: string }>(`${apiBase}/password/reset/inspect`, { token })
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
    await api.post(`${apiBase}/password/reset`, { token, password });
    // Every session of the user ended, this browser's included.
    forgetCsrfToken();
    setUser(null);
    await navigate(`/t/${slug}/sign-in`, {
      replace: true,
      state: { notice: 'passwordReset', email: inspected.data?.email },
    });
  });

  let content;
  if (!token) {
    content = <Alert tone="error" title={t('account.reset.noToken')} testId="reset-invalid" />;
  } else if (inspected.loading) {
    content = <Loading />;
  } else if (!inspected.data) {
    content = (
      <ErrorAlert error={inspected.error} title={t('account.reset.invalidTitle')}>
        <Link to={`/t/${slug}/forgot-password`}>{t('account.reset.requestNew')}</Link>
      </ErrorAlert>
    );
  } else {
    content = (
      <form className="form" onSubmit={onSubmit} noValidate data-testid="reset-form">
        <div className="account-box" data-testid="reset-account">
          <span className="account-label">{t('tenant.invite.account')}</span>
          <strong>{inspected.data.email}</strong>
        </div>
        <input type="email" value={inspected.data.email} autoComplete="username" readOnly hidden />
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
            data-testid="reset-submit"
          >
            {submit.busy ? t('common.saving') : t('account.reset.submit')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('account.reset.title')}</h1>
        {inspected.data && <p className="page-lead">{t('account.reset.lead')}</p>}
        {content}
      </div>
    </div>
  );
}
