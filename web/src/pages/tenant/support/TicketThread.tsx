import type { TicketDetail } from '../../../api/ops.js';
import { useI18n } from '../../../i18n/index.js';
import { formatDateTime } from '../../../lib/format.js';

/** A ticket's messages and attachments, oldest first (shared by the tenant and operator pages). */
export function TicketThread({
  detail,
  fileHref,
}: {
  detail: TicketDetail;
  fileHref: (id: string) => string;
}) {
  const { t } = useI18n();
  return (
    <div className="stack" data-testid="ticket-thread">
      {detail.messages.map((m) => (
        <article key={m.id} className="card card-padded" data-testid={`message-${m.authorType}`}>
          <p className="muted">
            <strong>
              {m.authorType === 'operator'
                ? `${t('desk.support.fromSupport')} (${m.authorName})`
                : m.authorName}
            </strong>{' '}
            · {formatDateTime(m.createdAt)}
          </p>
          <p style={{ whiteSpace: 'pre-wrap' }}>{m.body}</p>
        </article>
      ))}
      {detail.attachments.length > 0 && (
        <section className="card card-padded">
          <h2 className="section-title">{t('desk.support.attachments')}</h2>
          <ul data-testid="attachments">
            {detail.attachments.map((a) => (
              <li key={a.id}>
                <a href={fileHref(a.id)} download={a.fileName}>
                  {a.fileName}
                </a>{' '}
                <span className="muted">
                  ({Math.ceil(a.size / 1024)} KiB · {a.authorName} · {formatDateTime(a.createdAt)})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
