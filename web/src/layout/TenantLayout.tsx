import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api, forgetCsrfToken, tenantApi } from '../api/client.js';
import type { TenantMeta, TenantUser } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { Loading } from '../components/Loading.js';
import { useI18n } from '../i18n/index.js';
import { AppShell } from './AppShell.js';

interface TenantSession {
  slug: string;
  /** Base of this tenant's API, e.g. `/t/acme/api`. */
  apiBase: string;
  tenant: TenantMeta;
  /** undefined while loading, null when signed out. */
  user: TenantUser | null | undefined;
  setUser: (user: TenantUser | null) => void;
}

const TenantContext = createContext<TenantSession | null>(null);

export function useTenantSession(): TenantSession {
  const value = useContext(TenantContext);
  if (!value) throw new Error('useTenantSession must be used inside <TenantLayout>');
  return value;
}

/** Wraps every /t/:slug page: loads the organisation and the session. */
export function TenantLayout() {
  const { slug = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const apiBase = tenantApi(slug);
  const [tenant, setTenant] = useState<TenantMeta>();
  const [user, setUser] = useState<TenantUser | null>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    setTenant(undefined);
    setUser(undefined);
    setError(undefined);
    api.get<TenantMeta>(`${apiBase}/meta`).then(
      (meta) => {
        if (!live) return;
        setTenant(meta);
        api.get<{ user: TenantUser }>(`${apiBase}/session`).then(
          (body) => live && setUser(body.user),
          (reason: unknown) =>
            live && (reason instanceof ApiError && reason.status === 401 ? setUser(null) : setError(reason)),
        );
      },
      (reason: unknown) => live && setError(reason),
    );
    return () => {
      live = false;
    };
  }, [apiBase]);

  const signOut = useCallback(() => {
    void api
      .delete(`${apiBase}/session`)
      .catch(() => undefined)
      .then(() => {
        forgetCsrfToken();
        setUser(null);
        void navigate(`/t/${slug}/sign-in`, { state: { notice: 'signedOut' } });
      });
  }, [apiBase, navigate, slug]);

  let content;
  if (error) {
    content = (
      <div className="page page-narrow">
        <ErrorAlert error={error} title={t('tenant.unavailableTitle')}>
          <Link to="/">{t('common.goHome')}</Link>
        </ErrorAlert>
      </div>
    );
  } else if (!tenant) {
    content = <Loading />;
  } else {
    content = (
      <TenantContext.Provider value={{ slug, apiBase, tenant, user, setUser }}>
        <Outlet />
      </TenantContext.Provider>
    );
  }

  return (
    <AppShell
      context={tenant?.displayName}
      homeHref={`/t/${slug}`}
      person={user?.displayName}
      onSignOut={user ? signOut : undefined}
    >
      {content}
    </AppShell>
  );
}

/** Guard for tenant pages that need a signed-in user. */
export function RequireTenantUser() {
  const { user, slug } = useTenantSession();
  const location = useLocation();
  if (user === undefined) return <Loading />;
  if (user === null)
    return <Navigate to={`/t/${slug}/sign-in`} replace state={{ from: location.pathname }} />;
  return <Outlet />;
}
