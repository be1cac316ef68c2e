import { inLang, type Incident } from '../../../api/ops.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';

/** One incident with its updates, in the reader's language (shared by tenants and operators). */
export function IncidentView({ incident, heading = 'h2' }: { incident: Incident; heading?: 'h1' | 'h2' }) {
  const { t, lang } = useI18n();
  const H = heading;
  return (
    <article className="card card-padded" data-testid="incident">
      <H className={heading === 'h1' ? 'page-title' : 'section-title'}>{inLang(incident, 'title', lang)}</H>
      <p className="muted">
        <span className={`badge ${incident.severity === 'minor' ? 'badge-amber' : 'badge-red'}`}>
          {t(`desk.severity.${incident.severity}`)}
        </span>{' '}
        {t('desk.incidents.started', { at: formatDateTime(incident.startedAt) })} ·{' '}
        <strong data-testid="incident-state">
          {incident.resolvedAt
            ? t('desk.incidents.resolved', { at: formatDateTime(incident.resolvedAt) })
            : t('desk.incidents.ongoing')}
        </strong>
      </p>
      <p style={{ whiteSpace: 'pre-wrap' }}>{inLang(incident, 'description', lang)}</p>
      {incident.updates.length > 0 && (
        <>
          <h3>{t('desk.incidents.updates')}</h3>
          <ol data-testid="incident-updates">
            {incident.updates.map((u) => (
              <li key={u.id}>
                <strong>
                  {formatDateTime(u.at)}
                  {u.kind === 'resolution' && ` · ${t('desk.incidents.resolution')}`}
                </strong>
                <p style={{ whiteSpace: 'pre-wrap' }}>{inLang(u, 'body', lang)}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </article>
  );
}
