import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { TenantUser } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { CodeField } from '../../../components/totp/CodeField.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { normaliseRecoveryCode, normaliseTotpCode } from '../../../lib/recoveryCodes.js';
import { useSubmit } from '../../../lib/useSubmit.js';

interface MfaStepProps {
  mfaToken: string;
  onSignedIn: (user: TenantUser) => void;
  onStartOver: () => void;
}

/** Second step: the authenticator code, or one recovery code (`POST session/totp`). */
export function MfaStep({ mfaToken, onSignedIn, onStartOver }: MfaStepProps) {
  const { t } = useI18n();
  const { apiBase } = useTenantSession();
  const submit = useSubmit();
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState('');
  const [formatError, setFormatError] = useState<string>();

  const onSubmit = submit.handle(async () => {
    setFormatError(undefined);
    let body: Record<string, string>;
    if (useRecovery) {
      body = { mfaToken, recoveryCode: normaliseRecoveryCode(recovery) };
    } else {
      const digits = normaliseTotpCode(code);
      if (!digits) return setFormatError(t('account.mfa.codeFormat'));
      body = { mfaToken, code: digits };
    }
    const answer = await api.post<{ user: TenantUser }>(`${apiBase}/session/totp`, body);
    onSignedIn(answer.user);
  });

  return (
    <>
      <h1 className="page-title" data-testid="mfa-title">
        {t('account.mfa.title')}
      </h1>
      <p className="page-lead">{useRecovery ? t('account.mfa.recoveryLead') : t('account.mfa.lead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="mfa-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        {useRecovery ? (
          <Field name="recoveryCode" label={t('account.mfa.recoveryCode')} required>
            {(c) => (
              <input
                {...c}
                className="code-input"
                autoComplete="off"
                spellCheck={false}
                value={recovery}
                onChange={(e) => setRecovery(e.target.value)}
                autoFocus
              />
            )}
          </Field>
        ) : (
          <CodeField
            value={code}
            onChange={(v) => {
              setCode(v);
              setFormatError(undefined);
            }}
            error={formatError}
          />
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary button-block"
            disabled={submit.busy}
            data-testid="mfa-submit"
          >
            {submit.busy ? t('account.mfa.verifying') : t('account.mfa.verify')}
          </button>
        </div>
      </form>
      <p className="form-footer">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setUseRecovery((v) => !v);
            setFormatError(undefined);
            submit.clear();
          }}
          data-testid="mfa-toggle"
        >
          {useRecovery ? t('account.mfa.useCode') : t('account.mfa.useRecovery')}
        </button>
        <button type="button" className="link-button" onClick={onStartOver}>
          {t('account.mfa.startOver')}
        </button>
      </p>
    </>
  );
}
