import { useState } from 'react';
import { api } from '../../../api/client.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { PasswordFields } from '../../../components/PasswordFields.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Current password + new password twice (`POST me/password`). */
/** Other sessions end on a change, so the page reloads its session list. */
export function ChangePassword({ email, onChanged }: { email: string; onChanged: () => void }) {
  const { t } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [done, setDone] = useState(false);

  const onSubmit = submit.handle(async () => {
    setAttempted(true);
    setDone(false);
    if (password !== confirm) return;
    await api.post(`${apiBase}/me/password`, { currentPassword: current, newPassword: password });
    setCurrent('');
    setPassword('');
    setConfirm('');
    setAttempted(false);
    setDone(true);
    onChanged();
  });
  const fe = submit.fieldErrors;

  return (
    <section className="card card-padded" aria-labelledby="me-password-title">
      <h2 id="me-password-title" className="section-title">
        {t('account.me.password')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="me-password-form">
        {done && <Alert tone="success" title={t('account.me.passwordChanged')} testId="me-password-done" />}
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <input type="email" value={email} autoComplete="username" readOnly hidden />
        <Field
          name="currentPassword"
          label={t('account.me.currentPassword')}
          error={fe['currentPassword']}
          required
        >
          {(c) => (
            <input
              {...c}
              type="password"
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <PasswordFields
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          error={fe['newPassword'] ?? fe['password']}
          showMismatch={attempted}
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="me-password-submit"
          >
            {submit.busy ? t('common.saving') : t('account.me.changePassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
