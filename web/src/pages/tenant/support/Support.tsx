import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client.js';
import { TICKET_CATEGORIES, type Ticket, type TicketCategory } from '../../../api/ops.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Uploads files to a ticket one by one (raw bytes; the server sniffs the type). */
export async function uploadAll(base: string, files: readonly File[]): Promise<void> {
  for (const f of files) await api.upload(`${base}/attachments?name=${encodeURIComponent(f.name)}`, f);
}

/** The tenant's support desk: its tickets and a form to open one. */
export function SupportPage() {
  const { t } = useI18n();
  usePageTitle(t('desk.support.title'));
  const { apiBase, slug, unauthorized } = useTenantSession();
  const navigate = useNavigate();
  const access = useLoad(
    () => api.get<{ canOpen: boolean }>(`${apiBase}/support/access`),
    [apiBase],
    unauthorized,
  );
  const list = useLoad(
    () =>
      access.data?.canOpen
        ? api.get<{ items: Ticket[] }>(`${apiBase}/support/tickets`)
        : Promise.resolve({ items: [] }),
    [apiBase, access.data?.canOpen],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [category, setCategory] = useState<TicketCategory>('question');
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const fe = submit.fieldErrors;

  const onSubmit = submit.handle(async () => {
    const { ticket } = await api.post<{ ticket: Ticket }>(`${apiBase}/support/tickets`, {
      category,
      subject,
      description,
    });
    await uploadAll(`${apiBase}/support/tickets/${ticket.id}`, files);
    await navigate(`/t/${slug}/support/${ticket.id}`);
  });

  if (access.loading && !access.data) return <Loading />;
  return (
    <div className="page page-medium">
      <h1 className="page-title">
        {t('desk.support.title')} <HelpLink page="support-ticket" topic={t('desk.support.title')} />
      </h1>
      <p className="page-lead">{t('desk.support.lead')}</p>
      {access.error !== undefined && <ErrorAlert error={access.error} />}
      {access.data && !access.data.canOpen ? (
        <Alert tone="info" testId="support-not-allowed">
          {t('desk.support.notAllowed')}
        </Alert>
      ) : (
        <>
          <form className="card card-padded form" onSubmit={onSubmit} noValidate data-testid="ticket-form">
            <h2 className="section-title">{t('desk.support.newTicket')}</h2>
            {submit.error !== undefined && <ErrorAlert error={submit.error} />}
            <Field name="category" label={t('desk.support.category')} required>
              {(c) => (
                <select
                  {...c}
                  value={category}
                  onChange={(e) => setCategory(e.target.value as TicketCategory)}
                >
                  {TICKET_CATEGORIES.map((k) => (
                    <option key={k} value={k}>
                      {t(`desk.category.${k}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field name="subject" label={t('desk.support.subject')} error={fe['subject']} required>
              {(c) => (
                <input {...c} value={subject} maxLength={200} onChange={(e) => setSubject(e.target.value)} />
              )}
            </Field>
            <Field
              name="description"
              label={t('desk.support.description')}
              hint={t('desk.support.descriptionHint')}
              error={fe['description']}
              required
            >
              {(c) => (
                <textarea
                  {...c}
                  rows={6}
                  value={description}
                  onChange={(e) => setDescription(e.target.value)}
                />
              )}
            </Field>
            <Field
              name="files"
              label={t('desk.support.attachments')}
              hint={t('desk.support.attachmentsHint')}
            >
              {(c) => (
                <input {...c} type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
              )}
            </Field>
            <div className="form-actions">
              <button
                type="submit"
                className="button button-primary"
                disabled={submit.busy}
                data-testid="ticket-submit"
              >
                {t('desk.support.submit')}
              </button>
            </div>
          </form>
          <TicketTable items={list.data?.items ?? []} hrefOf={(x) => `/t/${slug}/support/${x.id}`} />
        </>
      )}
    </div>
  );
}

export function TicketTable({
  items,
  hrefOf,
  withTenant,
}: {
  items: Ticket[];
  hrefOf: (t: Ticket) => string;
  withTenant?: boolean;
}) {
  const { t } = useI18n();
  if (items.length === 0)
    return (
      <div className="card empty" data-testid="tickets-empty">
        <p>{t('desk.support.empty')}</p>
      </div>
    );
  return (
    <div className="card table-wrap">
      <table className="table" data-testid="tickets-table">
        <thead>
          <tr>
            <th scope="col">{t('desk.support.colNumber')}</th>
            {withTenant && <th scope="col">{t('desk.support.colTenant')}</th>}
            <th scope="col">{t('desk.support.colSubject')}</th>
            <th scope="col">{t('desk.support.category')}</th>
            <th scope="col">{t('desk.support.colStatus')}</th>
            <th scope="col">{t('desk.support.colUpdated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={`${x.tenant?.id ?? ''}${x.id}`}>
              <td>#{x.number}</td>
              {withTenant && <td>{x.tenant?.name}</td>}
              <td>
                <Link to={hrefOf(x)}>{x.subject}</Link>
              </td>
              <td>{t(`desk.category.${x.category}`)}</td>
              <td data-testid="ticket-status">{t(`desk.status.${x.status}`)}</td>
              <td>{formatDateTime(x.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
