import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { TotpSetup } from '../../../api/identity.js';
import type { TenantUser } from '../../../api/types.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { CodeField } from '../../../components/totp/CodeField.js';
import { QrSetup } from '../../../components/totp/QrSetup.js';
import { RecoveryCodes } from '../../../components/totp/RecoveryCodes.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { normaliseTotpCode } from '../../../lib/recoveryCodes.js';
import { useSubmit } from '../../../lib/useSubmit.js';

type Mode = 'idle' | 'setup' | 'codes' | 'disable';

/** Two-step verification on My page: set up (QR → code → recovery codes once) or turn off with the password. */
export function TwoFactor({ user, onChanged }: { user: TenantUser; onChanged: () => void }) {
  const { t } = useI18n();
  const { apiBase, slug, tenant, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [mode, setMode] = useState<Mode>('idle');
  const [setup, setSetup] = useState<TotpSetup>();
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState<string>();
  const [codes, setCodes] = useState<string[]>([]);
  const [password, setPassword] = useState('');
  const [notice, setNotice] = useState<string>();
  const [localEnabled, setLocalEnabled] = useState<boolean>();
  const enabled = localEnabled ?? user.totpEnabled === true;

  const start = submit.handle(async () => {
    setNotice(undefined);
    setSetup(await api.post<TotpSetup>(`${apiBase}/me/totp/setup`));
    setCode('');
    setMode('setup');
  });
  const enable = submit.handle(async () => {
    const digits = normaliseTotpCode(code);
    if (!digits) return setFormatError(t('account.mfa.codeFormat'));
    setFormatError(undefined);
    const body = await api.post<{ recoveryCodes: string[] }>(`${apiBase}/me/totp/enable`, { code: digits });
    setCodes(body.recoveryCodes);
    setSetup(undefined);
    setMode('codes');
  });
  const disable = submit.handle(async () => {
    await api.post(`${apiBase}/me/totp/disable`, { password });
    setPassword('');
    setLocalEnabled(false);
    setMode('idle');
    setNotice(t('account.me.disabled'));
    onChanged();
  });
  const cancel = () => {
    submit.clear();
    setMode('idle');
    setSetup(undefined);
  };

  return (
    <section className="card card-padded" aria-labelledby="me-totp-title" data-testid="me-totp">
      <h2 id="me-totp-title" className="section-title">
        {t('account.me.totp')}{' '}
        <span className={enabled ? 'badge badge-green' : 'badge badge-gray'} data-testid="me-totp-state">
          {enabled ? t('account.me.totpOn') : t('account.me.totpOff')}
        </span>
      </h2>
      {notice && <Alert tone="success" title={notice} testId="me-totp-notice" />}
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {mode === 'idle' && (
        <div className="action-row">
          <p className="muted">{enabled ? t('account.me.totpLeadOn') : t('account.me.totpLeadOff')}</p>
          {enabled && user.totpRequired ? (
            <p className="small" data-testid="totp-required">
              {t('account.me.totpRequired')}
            </p>
          ) : enabled ? (
            <button
              type="button"
              className="button button-danger-outline"
              onClick={() => setMode('disable')}
              data-testid="totp-disable-open"
            >
              {t('account.me.disable')}
            </button>
          ) : (
            <form onSubmit={start}>
              <button
                type="submit"
                className="button button-primary"
                disabled={submit.busy}
                data-testid="totp-setup-start"
              >
                {t('account.me.setUp')}
              </button>
            </form>
          )}
        </div>
      )}
      {mode === 'setup' && setup && (
        <form className="form" onSubmit={enable} noValidate data-testid="totp-enable-form">
          <QrSetup setup={setup} />
          <p>{t('account.me.confirm')}</p>
          <CodeField
            value={code}
            onChange={(v) => {
              setCode(v);
              setFormatError(undefined);
            }}
            error={formatError}
          />
          <div className="form-actions">
            <button type="button" className="button button-ghost" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="totp-enable"
            >
              {t('account.me.enable')}
            </button>
          </div>
        </form>
      )}
      {mode === 'codes' && (
        <RecoveryCodes
          codes={codes}
          account={`${user.email} (${tenant.displayName})`}
          slug={slug}
          doneLabel={t('account.me.savedCodes')}
          onDone={() => {
            setCodes([]);
            setLocalEnabled(true);
            setMode('idle');
            setNotice(t('account.me.enabled'));
            onChanged();
          }}
        />
      )}
      {mode === 'disable' && (
        <form className="form" onSubmit={disable} noValidate data-testid="totp-disable-form">
          <p>{t('account.me.disableLead')}</p>
          <input type="email" value={user.email} autoComplete="username" readOnly hidden />
          <Field
            name="totpPassword"
            label={t('common.password')}
            error={submit.fieldErrors['password']}
            required
          >
            {(c) => (
              <input
                {...c}
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                autoFocus
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="button" className="button button-ghost" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button
              type="submit"
              className="button button-danger"
              disabled={submit.busy}
              data-testid="totp-disable"
            >
              {t('account.me.disable')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
