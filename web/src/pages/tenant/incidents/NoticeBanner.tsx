import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import { inLang, type Notices } from '../../../api/ops.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';

/** Ongoing incidents and coming maintenance, on every page of a signed-in tenant user. */
export function NoticeBanner({ apiBase, slug }: { apiBase: string; slug: string }) {
  const { t, lang } = useI18n();
  const { data } = useLoad(() => api.get<Notices>(`${apiBase}/notices`), [apiBase]);
  if (!data || (data.incidents.length === 0 && data.maintenance.length === 0)) return null;
  return (
    <div className="stack" data-testid="notice-banner">
      {data.incidents.map((i) => (
        <div key={i.id} className="alert alert-error" role="alert" data-testid="incident-banner">
          <p className="alert-title">
            {t('desk.banner.incident', { title: inLang(i, 'title', lang) })}{' '}
            <Link to={`/t/${slug}/incidents/${i.id}`}>{t('desk.banner.details')}</Link>
          </p>
        </div>
      ))}
      {data.maintenance.map((m) => (
        <div key={m.id} className="alert alert-warning" role="status" data-testid="maintenance-banner">
          <p className="alert-title">
            {m.active
              ? t('desk.banner.maintenanceNow', { to: formatDateTime(m.endsAt) })
              : t('desk.banner.maintenance', {
                  from: formatDateTime(m.startsAt),
                  to: formatDateTime(m.endsAt),
                })}
          </p>
          <div className="alert-body">{inLang(m, 'notice', lang)}</div>
        </div>
      ))}
    </div>
  );
}
