import type { PreviousSignIn, TenantUser } from '../../../api/types.js';
import { useI18n } from '../../../i18n/index.js';
import { describeUserAgent, formatDateTime } from '../../../lib/format.js';

/** The previous sign-in, large, with what to do if it was not the user. */
export function PreviousSignInCard({
  user,
  previous,
}: {
  user: TenantUser;
  previous: PreviousSignIn | null;
}) {
  const { t } = useI18n();
  return (
    <section
      className="card card-padded"
      aria-labelledby="me-previous-title"
      data-testid="me-previous-sign-in"
    >
      <div className="my-page-identity">
        <span className="avatar" aria-hidden="true">
          {Array.from(user.displayName)[0] ?? '?'}
        </span>
        <div>
          <p className="my-page-name" data-testid="me-name">
            {user.displayName}
          </p>
          <p className="muted">{user.email}</p>
        </div>
      </div>
      <div className="previous-sign-in me-previous">
        <h2 id="me-previous-title" className="eyebrow">
          {t('account.me.previousSignIn')}
        </h2>
        {previous ? (
          <>
            <dl className="previous-sign-in-grid">
              <div>
                <dt>{t('account.me.at')}</dt>
                <dd data-testid="me-previous-at">{formatDateTime(previous.at)}</dd>
              </div>
              <div>
                <dt>{t('account.me.ip')}</dt>
                <dd data-testid="me-previous-ip">{previous.ip ?? t('common.none')}</dd>
              </div>
              <div>
                <dt>{t('account.me.browser')}</dt>
                <dd data-testid="me-previous-browser" title={previous.userAgent ?? undefined}>
                  {describeUserAgent(previous.userAgent) ?? t('tenant.home.unknownBrowser')}
                </dd>
              </div>
            </dl>
            <p className="small">{t('account.me.notYou')}</p>
          </>
        ) : (
          <p className="previous-sign-in-value">{t('account.me.firstSignIn')}</p>
        )}
      </div>
    </section>
  );
}
