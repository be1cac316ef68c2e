import { Navigate, useLocation } from 'react-router';
import { api, forgetCsrfToken } from '../../api/client.js';
import type { TenantUser } from '../../api/types.js';
import { Alert } from '../../components/Alert.js';
import { SignInForm, noticeFrom, returnPathFrom } from '../../components/SignInForm.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

export function TenantSignInPage() {
  const { t } = useI18n();
  const location = useLocation();
  const { slug, apiBase, tenant, user, setUser } = useTenantSession();
  usePageTitle(t('tenant.signIn.title', { name: tenant.displayName }));
  const notice = noticeFrom(location.state);
  const home = `/t/${slug}`;
  const target = returnPathFrom(location.state, home);
  const initialEmail =
    typeof location.state === 'object' && location.state !== null && 'email' in location.state
      ? String((location.state as { email: unknown }).email)
      : '';

  if (user) return <Navigate to={target.startsWith(home) ? target : home} replace />;

  const signIn = async (email: string, password: string) => {
    const body = await api.post<{ user: TenantUser }>(`${apiBase}/session`, { email, password });
    forgetCsrfToken();
    setUser(body.user); // re-renders into <Navigate />
  };

  return (
    <div className="page page-narrow">
      <div className="card card-padded">
        <h1 className="page-title" data-testid="tenant-sign-in-title">
          {t('tenant.signIn.title', { name: tenant.displayName })}
        </h1>
        <p className="page-lead">{t('tenant.signIn.lead')}</p>
        {notice && <Alert tone="success" title={t(`tenant.signIn.${notice}`)} testId="notice" />}
        <SignInForm onSignIn={signIn} initialEmail={initialEmail} />
      </div>
    </div>
  );
}
