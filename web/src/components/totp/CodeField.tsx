import { useI18n } from '../../i18n/index.js';
import { Field } from '../Field.js';

/** The 6-digit one-time code input (numeric keyboard, one-time-code autofill). */
export function CodeField(props: {
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Field
      name="code"
      label={t('account.mfa.code')}
      hint={t('account.mfa.codeHint')}
      error={props.error}
      required
    >
      {(c) => (
        <input
          {...c}
          className="code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
          autoFocus
        />
      )}
    </Field>
  );
}
