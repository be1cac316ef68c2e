import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { useSubmit } from '../lib/useSubmit.js';
import { ErrorAlert } from './Alert.js';
import { Field } from './Field.js';

interface SignInFormProps {
  onSignIn: (email: string, password: string) => Promise<void>;
  initialEmail?: string;
}

/** E-mail + password form shared by the operator console and tenant sign-in pages. */
export function SignInForm({ onSignIn, initialEmail = '' }: SignInFormProps) {
  const { t } = useI18n();
  const submit = useSubmit();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const fe = submit.fieldErrors;

  return (
    <form
      className="form"
      onSubmit={submit.handle(() => onSignIn(email, password))}
      noValidate
      data-testid="sign-in-form"
    >
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      <Field name="email" label={t('common.email')} error={fe['email']} required>
        {(c) => (
          <input
            {...c}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoFocus={!initialEmail}
          />
        )}
      </Field>
      <Field name="password" label={t('common.password')} error={fe['password']} required>
        {(c) => (
          <input
            {...c}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus={Boolean(initialEmail)}
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary button-block"
          disabled={submit.busy}
          data-testid="sign-in-submit"
        >
          {submit.busy ? t('common.signingIn') : t('common.signIn')}
        </button>
      </div>
    </form>
  );
}

/** Notices passed through router state after set-password / sign-out. */
export function noticeFrom(state: unknown): 'passwordSet' | 'signedOut' | undefined {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return undefined;
  const notice = state.notice;
  return notice === 'passwordSet' || notice === 'signedOut' ? notice : undefined;
}

/** Tenant sign-in also confirms a password reset. */
export function tenantNoticeFrom(state: unknown): 'passwordSet' | 'signedOut' | 'passwordReset' | undefined {
  const notice = noticeFrom(state);
  if (notice) return notice;
  const value = typeof state === 'object' && state !== null && 'notice' in state ? state.notice : undefined;
  return value === 'passwordReset' ? value : undefined;
}

/** The `from` path a guard stored in router state, if it is a safe same-site path. */
export function returnPathFrom(state: unknown, fallback: string): string {
  if (typeof state !== 'object' || state === null || !('from' in state)) return fallback;
  const from = state.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : fallback;
}
