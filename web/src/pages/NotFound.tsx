import { Link, isRouteErrorResponse, useRouteError } from 'react-router';
import { useI18n } from '../i18n/index.js';
import { AppShell } from '../layout/AppShell.js';
import { usePageTitle } from '../lib/usePageTitle.js';

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('common.notFoundTitle'));
  return (
    <AppShell>
      <div className="page page-narrow">
        <div className="card card-padded" data-testid="not-found">
          <h1 className="page-title">{t('common.notFoundTitle')}</h1>
          <p className="page-lead">{t('common.notFoundBody')}</p>
          <Link to="/" className="button button-secondary">
            {t('common.goHome')}
          </Link>
        </div>
      </div>
    </AppShell>
  );
}

/** Shown when rendering a route throws: keeps the shell and offers a way back. */
export function RouteErrorPage() {
  const { t } = useI18n();
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  console.error(error);
  return (
    <AppShell>
      <div className="page page-narrow">
        <div className="alert alert-error" role="alert">
          <p className="alert-title">{t('common.errorTitle')}</p>
          <p>
            <Link to="/">{t('common.goHome')}</Link>
          </p>
        </div>
      </div>
    </AppShell>
  );
}
