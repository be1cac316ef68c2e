import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useSubmit } from '../../lib/useSubmit.js';

/** Request a reset link. The answer is the same whatever the address (no account probing). */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  usePageTitle(t('account.forgot.title'));
  const { slug, apiBase } = useTenantSession();
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);

  const onSubmit = submit.handle(async () => {
    await api.post(`${apiBase}/password/forgot`, { email: email.trim() });
    setSent(true);
  });

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('account.forgot.title')}</h1>
        {sent ? (
          <Alert tone="success" title={t('account.forgot.sent')} testId="forgot-sent" />
        ) : (
          <>
            <p className="page-lead">{t('account.forgot.lead')}</p>
            <form className="form" onSubmit={onSubmit} noValidate data-testid="forgot-form">
              {submit.error !== undefined && <ErrorAlert error={submit.error} />}
              <Field name="email" label={t('common.email')} error={submit.fieldErrors['email']} required>
                {(c) => (
                  <input
                    {...c}
                    type="email"
                    autoComplete="username"
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                    autoFocus
                  />
                )}
              </Field>
              <div className="form-actions">
                <button
                  type="submit"
                  className="button button-primary button-block"
                  disabled={submit.busy}
                  data-testid="forgot-submit"
                >
                  {submit.busy ? t('common.saving') : t('account.forgot.submit')}
                </button>
              </div>
            </form>
          </>
        )}
        <p className="form-footer">
          <Link to={`/t/${slug}/sign-in`}>{t('account.forgot.back')}</Link>
        </p>
      </div>
    </div>
  );
}
