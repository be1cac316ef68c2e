import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { useI18n } from '../../i18n/index.js';
import { tokenFromHash, useSubmit } from '../../lib/useSubmit.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

/** `/operator/set-password#token=XYZ`: a further operator chooses a password, then signs in. */
export function SetPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('operator.setPassword.title'));
  const navigate = useNavigate();
  const token = tokenFromHash(useLocation().hash);
  const submit = useSubmit();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);

  const onSubmit = submit.handle(async () => {
    setAttempted(true);
    if (password !== confirm) return;
    await api.post('/api/operator/password', { token, password });
    await navigate('/operator/sign-in', { replace: true, state: { notice: 'passwordSet' } });
  });

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('operator.setPassword.title')}</h1>
        <p className="page-lead">{t('operator.setPassword.lead')}</p>
        {!token ? (
          <Alert tone="error" title={t('operator.setPassword.noToken')} />
        ) : (
          <form className="form" onSubmit={onSubmit} noValidate data-testid="set-password-form">
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
                className="button button-primary"
                disabled={submit.busy}
                data-testid="set-password-submit"
              >
                {submit.busy ? t('common.saving') : t('operator.setPassword.submit')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
