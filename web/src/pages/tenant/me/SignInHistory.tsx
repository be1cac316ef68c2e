import type { SignInEvent } from '../../../api/identity.js';
import { useI18n } from '../../../i18n/index.js';
import { describeUserAgent, formatDateTime } from '../../../lib/format.js';

/** The last 20 sign-in attempts, successes and failures. */
export function SignInHistory({ events }: { events: SignInEvent[] }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="me-recent-title">
      <div className="card-toolbar">
        <div>
          <h2 id="me-recent-title" className="section-title">
            {t('account.me.recent')}
          </h2>
          <p className="muted small">{t('account.me.recentLead')}</p>
        </div>
      </div>
      {events.length === 0 ? (
        <p className="empty">{t('account.me.noEvents')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="me-recent">
            <caption className="visually-hidden">{t('account.me.recent')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.me.at')}</th>
                <th scope="col">{t('account.me.colResult')}</th>
                <th scope="col">{t('account.me.ip')}</th>
                <th scope="col">{t('account.me.browser')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                <tr key={`${e.at}-${i}`} data-testid="me-event" data-result={e.result}>
                  <td className="nowrap">{formatDateTime(e.at)}</td>
                  <td>
                    <span className={e.result === 'success' ? 'badge badge-green' : 'badge badge-red'}>
                      {t(e.result === 'success' ? 'account.me.success' : 'account.me.failure')}
                    </span>
                  </td>
                  <td>{e.ip ?? t('common.none')}</td>
                  <td title={e.userAgent ?? undefined}>
                    {describeUserAgent(e.userAgent) ?? t('common.none')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
