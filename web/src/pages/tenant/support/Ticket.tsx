import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { Ticket, TicketDetail } from '../../../api/ops.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { uploadAll } from './Support.js';
import { TicketThread } from './TicketThread.js';

/** One ticket: the thread, a reply with attachments, close / open again. */
export function TicketPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { apiBase, slug, unauthorized } = useTenantSession();
  const base = `${apiBase}/support/tickets/${encodeURIComponent(id)}`;
  const { data, error, reload } = useLoad(() => api.get<TicketDetail>(base), [base], unauthorized);
  usePageTitle(data ? `#${data.ticket.number} ${data.ticket.subject}` : t('desk.support.title'));
  const submit = useSubmit(unauthorized);
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);

  const onReply = submit.handle(async () => {
    await uploadAll(base, files);
    if (body.trim()) await api.post<{ ticket: Ticket }>(`${base}/replies`, { body });
    setBody('');
    setFiles([]);
    reload();
  });
  const setStatus = (status: 'open' | 'closed') =>
    submit.handle(async () => {
      await api.patch(base, { status });
      reload();
    });

  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  const closed = data.ticket.status === 'closed';
  return (
    <div className="page page-medium">
      <Link to={`/t/${slug}/support`} className="back-link">
        ← {t('desk.support.back')}
      </Link>
      <h1 className="page-title">
        #{data.ticket.number} {data.ticket.subject}
      </h1>
      <p className="page-lead">
        {t(`desk.category.${data.ticket.category}`)} ·{' '}
        <strong data-testid="ticket-status">{t(`desk.status.${data.ticket.status}`)}</strong>
        {data.openedBy && <> · {t('desk.support.openedBy', { name: data.openedBy.name })}</>}
      </p>
      <TicketThread detail={data} fileHref={(a) => `${base}/attachments/${a}`} />
      <form className="card card-padded form" onSubmit={onReply} noValidate data-testid="reply-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field name="body" label={t('desk.support.reply')}>
          {(c) => <textarea {...c} rows={4} value={body} onChange={(e) => setBody(e.target.value)} />}
        </Field>
        <Field name="files" label={t('desk.support.attachments')} hint={t('desk.support.attachmentsHint')}>
          {(c) => (
            <input {...c} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="reply-submit"
          >
            {t('desk.support.replyButton')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            disabled={submit.busy}
            onClick={setStatus(closed ? 'open' : 'closed')}
            data-testid="ticket-close"
          >
            {closed ? t('desk.support.reopen') : t('desk.support.close')}
          </button>
        </div>
      </form>
    </div>
  );
}
