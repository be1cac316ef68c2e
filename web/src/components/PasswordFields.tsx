import { useI18n } from '../i18n/index.js';
import { Field } from './Field.js';

interface PasswordFieldsProps {
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Server message for the password field. */
  error?: string | undefined;
  /** Set after a submit attempt so the mismatch message shows only then. */
  showMismatch: boolean;
}

/** New password + confirmation, with the length hint and a mismatch check. */
export function PasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  error,
  showMismatch,
}: PasswordFieldsProps) {
  const { t } = useI18n();
  const mismatch = showMismatch && confirm !== password ? t('common.passwordMismatch') : undefined;
  return (
    <>
      <Field
        name="password"
        label={t('common.newPassword')}
        hint={t('common.passwordHint')}
        error={error}
        required
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => onPassword(e.target.value)}
          />
        )}
      </Field>
      <Field name="passwordConfirm" label={t('common.passwordConfirm')} error={mismatch} required>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => onConfirm(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}
