import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { Link, NavLink, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError, api, forgetCsrfToken, tenantApi } from '../api/client.js';
import type { TenantMeta, TenantUser } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { Loading } from '../components/Loading.js';
import { WhatsNew } from '../components/WhatsNew.js';
import { useI18n } from '../i18n/index.js';
import { AppShell } from './AppShell.js';
import { NoticeBanner } from '../pages/tenant/incidents/NoticeBanner.js';

interface TenantSession {
  slug: string;
  /** Base of this tenant's API, e.g. `/t/acme/api`. */
  apiBase: string;
  tenant: TenantMeta;
  /** undefined while loading, null when signed out. */
  user: TenantUser | null | undefined;
  setUser: (user: TenantUser | null) => void;
  /** Call on a 401 from a protected request: forgets the session so the guard sends the user to sign-in. */
  unauthorized: () => void;
}

const TenantContext = createContext<TenantSession | null>(null);

/** The organisation last used in this browser: `/handbook/...` links without one open there. */
export const LAST_TENANT_KEY = 'yosan.lastTenant';

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

  const unauthorized = useCallback(() => setUser(null), []);

  useEffect(() => {
    if (!user) return;
    try {
      localStorage.setItem(LAST_TENANT_KEY, slug);
    } catch {
      // storage blocked: /handbook links then ask to open the organisation first
    }
  }, [user, slug]);

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
      <TenantContext.Provider value={{ slug, apiBase, tenant, user, setUser, unauthorized }}>
        {user && <NoticeBanner apiBase={apiBase} slug={slug} />}
        {user && <WhatsNew key={user.id} apiBase={apiBase} slug={slug} isAdmin={user.isOrgAdmin} />}
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
      nav={user && tenant ? <TenantNav slug={slug} isAdmin={user.isOrgAdmin} /> : undefined}
    >
      {content}
    </AppShell>
  );
}

/** Home and My page for everyone; the administration pages only for org admins (the server checks too). */
function TenantNav({ slug, isAdmin }: { slug: string; isAdmin: boolean }) {
  const { t } = useI18n();
  const base = `/t/${slug}`;
  const links: [string, string, string][] = [
    [base, t('nav.home'), 'nav-home'],
    [`${base}/me`, t('nav.me'), 'nav-me'],
    [`${base}/incidents`, t('desk.nav.incidents'), 'nav-incidents'],
    [`${base}/support`, t('desk.nav.support'), 'nav-support'],
    [`${base}/handbook`, t('ops.nav.handbook'), 'nav-handbook'],
    [`${base}/portals`, t('portals.nav'), 'nav-portals'],
    [`${base}/forms`, t('forms.nav'), 'nav-forms'],
  ];
  const admin: [string, string, string][] = [];
  if (isAdmin) {
    admin.push(
      [`${base}/admin/model`, t('catalogue.nav'), 'nav-model'],
      [`${base}/admin/model/dimensions`, t('model.nav'), 'nav-dimensions'],
      [`${base}/admin/model/cubes`, t('cubes.nav'), 'nav-cubes'],
      [`${base}/admin/model/rights`, t('rights.nav'), 'nav-rights'],
      [`${base}/admin/users`, t('nav.users'), 'nav-users'],
      [`${base}/admin/groups`, t('nav.groups'), 'nav-groups'],
      [`${base}/admin/administrators`, t('nav.admins'), 'nav-admins'],
      [`${base}/admin/security`, t('nav.security'), 'nav-security'],
      [`${base}/admin/logs`, t('logs.nav'), 'nav-logs'],
      [`${base}/admin/export`, t('exports.nav'), 'nav-export'],
      [`${base}/admin/releases`, t('ops.nav.releases'), 'nav-releases'],
      [`${base}/admin/trust`, t('ops.nav.trust'), 'nav-trust'],
      [`${base}/admin/backups`, t('backups.nav'), 'nav-backups'],
      [`${base}/admin/model/packages`, t('packages.nav'), 'nav-packages'],
    );
  }
  const render = ([to, label, testId]: [string, string, string]) => (
    <NavLink
      key={to}
      to={to}
      end={to === base || to === `${base}/admin/model`}
      className="nav-link"
      data-testid={testId}
    >
      {label}
    </NavLink>
  );
  return (
    <>
      <nav className="nav" aria-label={t('nav.label')}>
        {links.map(render)}
      </nav>
      {admin.length > 0 && (
        <nav className="nav nav-admin" aria-label={t('shell.adminNav')}>
          <span className="nav-section" aria-hidden="true">
            {t('shell.adminNav')}
          </span>
          {admin.map(render)}
        </nav>
      )}
    </>
  );
}

/** Guard for the administration pages: org admins only. */
export function RequireOrgAdmin() {
  const { user, slug } = useTenantSession();
  if (!user) return null;
  if (!user.isOrgAdmin) return <Navigate to={`/t/${slug}`} replace />;
  return <Outlet />;
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
