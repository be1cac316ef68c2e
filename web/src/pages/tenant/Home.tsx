import { Link } from 'react-router';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { describeUserAgent, formatDateTime } from '../../lib/format.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { MyPortals } from './portals/MyPortals.js';
import { DemoCard } from './DemoCard.js';

/** Tenant home: welcome and the "My page" card with the previous sign-in. */
export function TenantHomePage() {
  const { t } = useI18n();
  const { slug, tenant, user } = useTenantSession();
  usePageTitle(tenant.displayName);
  if (!user) return null; // the guard renders this page only for a signed-in user
  const previous = user.previousSignIn;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="tenant-welcome">
            {t('tenant.home.welcome', { name: user.displayName })}
          </h1>
          <p className="page-lead">{t('tenant.home.lead', { tenant: tenant.displayName })}</p>
        </div>
      </div>
      {user.isOrgAdmin && <DemoCard />}
      <section className="card card-padded my-page" aria-labelledby="my-page-title" data-testid="my-page">
        <h2 id="my-page-title" className="section-title">
          {t('tenant.home.myPage')}
        </h2>
        <div className="my-page-grid">
          <div className="my-page-identity">
            <span className="avatar" aria-hidden="true">
              {Array.from(user.displayName)[0] ?? '?'}
            </span>
            <div>
              <p className="my-page-name" data-testid="user-name">
                {user.displayName}
              </p>
              <p className="muted">{user.email}</p>
              <p>
                <span className="badge badge-gray">
                  {user.isOrgAdmin ? t('tenant.home.roleAdmin') : t('tenant.home.roleMember')}
                </span>
              </p>
            </div>
          </div>
          <div className="previous-sign-in" data-testid="previous-sign-in">
            <p className="eyebrow">{t('tenant.home.previousSignIn')}</p>
            {previous ? (
              <>
                <p className="previous-sign-in-value" title={previous.userAgent ?? undefined}>
                  {t('tenant.home.previousSignInDetail', {
                    at: formatDateTime(previous.at),
                    ip: previous.ip ?? t('common.none'),
                    browser: describeUserAgent(previous.userAgent) ?? t('tenant.home.unknownBrowser'),
                  })}
                </p>
                <p className="muted small">{t('tenant.home.previousSignInHint')}</p>
                <p className="small">
                  <Link to={`/t/${slug}/me`} data-testid="home-open-me">
                    {t('tenant.home.openMyPage')}
                  </Link>
                </p>
              </>
            ) : (
              <p className="previous-sign-in-value">{t('tenant.home.firstSignIn')}</p>
            )}
          </div>
        </div>
      </section>
      <MyPortals />
    </div>
  );
}
