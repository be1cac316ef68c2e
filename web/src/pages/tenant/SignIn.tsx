import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { api, forgetCsrfToken } from '../../api/client.js';
import type { TenantUser } from '../../api/types.js';
import { Alert } from '../../components/Alert.js';
import { SignInForm, returnPathFrom, tenantNoticeFrom } from '../../components/SignInForm.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { EnrolStep } from './signin/EnrolStep.js';
import { MfaStep } from './signin/MfaStep.js';

/** `POST session` answers with the user, or asks for the second step / for enrolment first. */
type SessionAnswer =
  | { user: TenantUser }
  | { mfaRequired: true; mfaToken: string }
  | { enrolmentRequired: true; mfaToken: string };

type Step = { kind: 'password' } | { kind: 'mfa'; mfaToken: string } | { kind: 'enrol'; mfaToken: string };

export function TenantSignInPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { slug, apiBase, tenant, user, setUser } = useTenantSession();
  usePageTitle(t('tenant.signIn.title', { name: tenant.displayName }));
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const notice = tenantNoticeFrom(location.state);
  const home = `/t/${slug}`;
  const target = returnPathFrom(location.state, home);
  const initialEmail =
    typeof location.state === 'object' && location.state !== null && 'email' in location.state
      ? String((location.state as { email: unknown }).email)
      : '';

  if (user) return <Navigate to={target.startsWith(home) ? target : home} replace />;

  const signedIn = (next: TenantUser) => {
    forgetCsrfToken();
    setUser(next); // re-renders into <Navigate />
  };
  const signIn = async (email: string, password: string) => {
    const body = await api.post<SessionAnswer>(`${apiBase}/session`, { email, password });
    if ('user' in body) signedIn(body.user);
    else if ('enrolmentRequired' in body) setStep({ kind: 'enrol', mfaToken: body.mfaToken });
    else setStep({ kind: 'mfa', mfaToken: body.mfaToken });
  };
  const startOver = () => setStep({ kind: 'password' });

  return (
    <div className={step.kind === 'enrol' ? 'page page-medium page-centred' : 'page page-narrow'}>
      <div className="card card-padded">
        {step.kind === 'password' && (
          <>
            <h1 className="page-title" data-testid="tenant-sign-in-title">
              {t('tenant.signIn.title', { name: tenant.displayName })}
            </h1>
            <p className="page-lead">{t('tenant.signIn.lead')}</p>
            {notice && <Alert tone="success" title={t(`tenant.signIn.${notice}`)} testId="notice" />}
            <SignInForm onSignIn={signIn} initialEmail={initialEmail} />
            <p className="form-footer">
              <Link to={`/t/${slug}/forgot-password`} data-testid="forgot-link">
                {t('account.forgotLink')}
              </Link>
            </p>
          </>
        )}
        {step.kind === 'mfa' && (
          <MfaStep mfaToken={step.mfaToken} onSignedIn={signedIn} onStartOver={startOver} />
        )}
        {step.kind === 'enrol' && (
          <EnrolStep mfaToken={step.mfaToken} onSignedIn={signedIn} onStartOver={startOver} />
        )}
      </div>
    </div>
  );
}
