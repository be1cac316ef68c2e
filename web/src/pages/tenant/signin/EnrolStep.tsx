import { useEffect, useState } from 'react';
import { api } from '../../../api/client.js';
import type { TotpSetup } from '../../../api/identity.js';
import type { TenantUser } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Loading } from '../../../components/Loading.js';
import { CodeField } from '../../../components/totp/CodeField.js';
import { QrSetup } from '../../../components/totp/QrSetup.js';
import { RecoveryCodes } from '../../../components/totp/RecoveryCodes.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { normaliseTotpCode } from '../../../lib/recoveryCodes.js';
import { useSubmit } from '../../../lib/useSubmit.js';

interface EnrolStepProps {
  mfaToken: string;
  onSignedIn: (user: TenantUser) => void;
  onStartOver: () => void;
}

/**
 * Enrolment at sign-in when the organisation requires two-step verification and the user has
 * none yet: QR code → code → recovery codes → signed in. The contract names only
 * `{ enrolmentRequired, mfaToken }`; the follow-up routes used here are `session/totp/setup`
 * `{ mfaToken }` and `session/totp/enable` `{ mfaToken, code }` → `{ user, recoveryCodes }`.
 */
export function EnrolStep({ mfaToken, onSignedIn, onStartOver }: EnrolStepProps) {
  const { t } = useI18n();
  const { apiBase, slug, tenant } = useTenantSession();
  const [setup, setSetup] = useState<TotpSetup>();
  const [loadError, setLoadError] = useState<unknown>();
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState<string>();
  const [done, setDone] = useState<{ user: TenantUser; recoveryCodes: string[] }>();
  const submit = useSubmit();

  useEffect(() => {
    let live = true;
    api.post<TotpSetup>(`${apiBase}/session/totp/setup`, { mfaToken }).then(
      (s) => live && setSetup(s),
      (reason: unknown) => live && setLoadError(reason),
    );
    return () => {
      live = false;
    };
  }, [apiBase, mfaToken]);

  const onSubmit = submit.handle(async () => {
    const digits = normaliseTotpCode(code);
    if (!digits) return setFormatError(t('account.mfa.codeFormat'));
    setFormatError(undefined);
    setDone(
      await api.post<{ user: TenantUser; recoveryCodes: string[] }>(`${apiBase}/session/totp/enable`, {
        mfaToken,
        code: digits,
      }),
    );
  });

  if (done) {
    return (
      <RecoveryCodes
        codes={done.recoveryCodes}
        account={`${done.user.email} (${tenant.displayName})`}
        slug={slug}
        doneLabel={t('account.mfa.continue')}
        onDone={() => onSignedIn(done.user)}
      />
    );
  }
  return (
    <>
      <h1 className="page-title" data-testid="enrol-title">
        {t('account.mfa.enrolTitle')}
      </h1>
      <p className="page-lead">{t('account.mfa.enrolLead')}</p>
      {loadError !== undefined && <ErrorAlert error={loadError} />}
      {!setup && loadError === undefined && <Loading />}
      {setup && (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="enrol-form">
          <QrSetup setup={setup} />
          <p>{t('account.me.confirm')}</p>
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          <CodeField
            value={code}
            onChange={(v) => {
              setCode(v);
              setFormatError(undefined);
            }}
            error={formatError}
          />
          <div className="form-actions">
            <button type="button" className="button button-ghost" onClick={onStartOver}>
              {t('account.mfa.startOver')}
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="enrol-submit"
            >
              {submit.busy ? t('account.mfa.verifying') : t('account.mfa.enrolSubmit')}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
