import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { Operator } from '../../api/types.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { Loading } from '../../components/Loading.js';
import { PasswordFields } from '../../components/PasswordFields.js';
import { useI18n } from '../../i18n/index.js';
import type { Language } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { useLoad } from '../../lib/useLoad.js';
import { tokenFromHash, useSubmit } from '../../lib/useSubmit.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

/** First-run set-up: `/operator/setup#token=XYZ` (the token stays in the fragment, out of server logs). */
export function SetupPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('operator.setup.title'));
  const navigate = useNavigate();
  const { hash } = useLocation();
  const token = tokenFromHash(hash);
  const { setOperator } = useOperatorSession();
  const status = useLoad(() => api.get<{ needed: boolean }>('/api/operator/setup'), []);
  const submit = useSubmit();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [locale, setLocale] = useState<Language>(lang);
  const [attempted, setAttempted] = useState(false);

  const onSubmit = submit.handle(async () => {
    setAttempted(true);
    if (password !== confirm) return;
    const body = await api.post<{ operator: Operator }>('/api/operator/setup', {
      token,
      email,
      displayName,
      password,
      locale,
    });
    setOperator(body.operator);
    await navigate('/operator', { replace: true });
  });

  let content;
  if (status.loading) content = <Loading />;
  else if (status.error) content = <ErrorAlert error={status.error} />;
  else if (!status.data?.needed) {
    content = (
      <Alert tone="info" title={t('operator.setup.alreadyDone')} testId="setup-done">
        <Link to="/operator/sign-in">{t('operator.setup.goSignIn')}</Link>
      </Alert>
    );
  } else if (!token) {
    content = <Alert tone="error" title={t('operator.setup.noToken')} testId="setup-no-token" />;
  } else {
    const fe = submit.fieldErrors;
    content = (
      <form className="form" onSubmit={onSubmit} noValidate data-testid="setup-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field name="email" label={t('common.email')} error={fe['email']} required>
          {(c) => (
            <input
              {...c}
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field name="displayName" label={t('common.displayName')} error={fe['displayName']} required>
          {(c) => (
            <input
              {...c}
              autoComplete="name"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          )}
        </Field>
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          error={fe['password']}
          showMismatch={attempted}
        />
        <Field name="locale" label={t('common.locale')} error={fe['locale']} required>
          {(c) => (
            <select {...c} value={locale} onChange={(e) => setLocale(e.target.value === 'en' ? 'en' : 'ja')}>
              <option value="ja">{t('lang.ja')}</option>
              <option value="en">{t('lang.en')}</option>
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="setup-submit"
          >
            {submit.busy ? t('common.saving') : t('operator.setup.submit')}
          </button>
        </div>
      </form>
    );
  }

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title">{t('operator.setup.title')}</h1>
        <p className="page-lead">{t('operator.setup.lead')}</p>
        {content}
      </div>
    </div>
  );
}
