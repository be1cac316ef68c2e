import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { NavLink, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { ApiError, api, forgetCsrfToken } from '../api/client.js';
import type { Operator } from '../api/types.js';
import { ErrorAlert } from '../components/Alert.js';
import { Loading } from '../components/Loading.js';
import { useI18n } from '../i18n/index.js';
import { AppShell } from './AppShell.js';

interface OperatorSession {
  /** undefined while loading, null when signed out. */
  operator: Operator | null | undefined;
  setOperator: (operator: Operator | null) => void;
  /** Call on a 401 from a protected request: forgets the session so the guard sends the user to sign-in. */
  unauthorized: () => void;
}

const OperatorContext = createContext<OperatorSession | null>(null);

export function useOperatorSession(): OperatorSession {
  const value = useContext(OperatorContext);
  if (!value) throw new Error('useOperatorSession must be used inside <OperatorLayout>');
  return value;
}

/** Wraps every /operator page: loads the session, renders the console header and footer. */
export function OperatorLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [operator, setOperator] = useState<Operator | null>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    api.get<{ operator: Operator }>('/api/operator/session').then(
      (body) => live && setOperator(body.operator),
      (reason: unknown) => {
        if (!live) return;
        if (reason instanceof ApiError && reason.status === 401) setOperator(null);
        else setError(reason);
      },
    );
    return () => {
      live = false;
    };
  }, []);

  const unauthorized = useCallback(() => setOperator(null), []);

  const signOut = useCallback(() => {
    void api
      .delete('/api/operator/session')
      .catch(() => undefined)
      .then(() => {
        forgetCsrfToken();
        setOperator(null);
        void navigate('/operator/sign-in', { state: { notice: 'signedOut' } });
      });
  }, [navigate]);

  const nav = operator ? (
    <nav className="nav" aria-label={t('operator.nav.label')}>
      <NavLink to="/operator" end className="nav-link" data-testid="nav-tenants">
        {t('operator.nav.tenants')}
      </NavLink>
      <NavLink to="/operator/jobs" className="nav-link" data-testid="nav-jobs">
        {t('operator.nav.jobs')}
      </NavLink>
      <NavLink to="/operator/outbox" className="nav-link" data-testid="nav-outbox">
        {t('operator.nav.outbox')}
      </NavLink>
      <NavLink to="/operator/terminations" className="nav-link" data-testid="nav-terminations">
        {t('contracts.nav')}
      </NavLink>
      <NavLink to="/operator/status" className="nav-link" data-testid="nav-status">
        {t('operator.nav.status')}
      </NavLink>
      <NavLink to="/operator/support" className="nav-link" data-testid="nav-support">
        {t('desk.nav.support')}
      </NavLink>
      <NavLink to="/operator/incidents" className="nav-link" data-testid="nav-incidents">
        {t('desk.nav.incidents')}
      </NavLink>
      <NavLink to="/operator/maintenance" className="nav-link" data-testid="nav-maintenance">
        {t('desk.nav.maintenance')}
      </NavLink>
      <NavLink to="/operator/releases" className="nav-link" data-testid="nav-releases">
        {t('ops.nav.releases')}
      </NavLink>
      <NavLink to="/operator/terms" className="nav-link" data-testid="nav-terms">
        {t('ops.nav.terms')}
      </NavLink>
      <NavLink to="/operator/dependencies" className="nav-link" data-testid="nav-dependencies">
        {t('ops.nav.dependencies')}
      </NavLink>
      <NavLink to="/operator/handbook" className="nav-link" data-testid="nav-handbook">
        {t('ops.nav.handbook')}
      </NavLink>
      <NavLink to="/operator/backups" className="nav-link" data-testid="nav-backups">
        {t('backups.nav')}
      </NavLink>
      <NavLink to="/operator/packages" className="nav-link" data-testid="nav-packages">
        {t('operatorPackages.nav')}
      </NavLink>
    </nav>
  ) : undefined;

  return (
    <OperatorContext.Provider value={{ operator, setOperator, unauthorized }}>
      <AppShell
        context={t('operator.consoleName')}
        homeHref={operator ? '/operator' : '/'}
        person={operator?.displayName}
        onSignOut={operator ? signOut : undefined}
        nav={nav}
      >
        {error ? <ErrorAlert error={error} /> : <Outlet />}
      </AppShell>
    </OperatorContext.Provider>
  );
}

/** Guard for pages that need a signed-in operator. */
export function RequireOperator() {
  const { operator } = useOperatorSession();
  const location = useLocation();
  if (operator === undefined) return <Loading />;
  if (operator === null) {
    return <Navigate to="/operator/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
