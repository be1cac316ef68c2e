import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../../api/client.js';
import { TICKET_STATUSES, type Ticket, type TicketDetail, type TicketStatus } from '../../../api/ops.js';
import type { Tenant } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useOperatorSession } from '../../../layout/OperatorLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { TicketTable } from '../../tenant/support/Support.js';
import { TicketThread } from '../../tenant/support/TicketThread.js';

/** Every tenant's tickets, filtered by tenant and status (kept in the URL). */
export function OperatorSupportPage() {
  const { t } = useI18n();
  usePageTitle(t('desk.support.title'));
  const { unauthorized } = useOperatorSession();
  const [params, setParams] = useSearchParams();
  const tenant = params.get('tenant') ?? '';
  const status = params.get('status') ?? '';
  const query = new URLSearchParams({
    ...(tenant ? { tenant } : {}),
    ...(status ? { status } : {}),
  }).toString();
  const list = useLoad(
    () => api.get<{ items: Ticket[] }>(`/api/operator/support/tickets?${query}`),
    [query],
    unauthorized,
  );
  const tenants = useLoad(() => api.get<{ items: Tenant[] }>('/api/operator/tenants'), [], unauthorized);
  const access = useLoad(
    () => api.get<{ installation: boolean }>('/api/operator/support/access'),
    [],
    unauthorized,
  );
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  return (
    <div className="page">
      <h1 className="page-title">{t('desk.support.title')}</h1>
      <div className="form-row" data-testid="support-filters">
        <select
          aria-label={t('desk.support.colTenant')}
          value={tenant}
          onChange={(e) => set('tenant', e.target.value)}
          data-testid="filter-tenant"
        >
          <option value="">{t('desk.support.allTenants')}</option>
          {(tenants.data?.items ?? []).map((x) => (
            <option key={x.id} value={x.slug}>
              {x.displayName}
            </option>
          ))}
        </select>
        <select
          aria-label={t('desk.support.colStatus')}
          value={status}
          onChange={(e) => set('status', e.target.value)}
          data-testid="filter-status"
        >
          <option value="">{t('desk.support.allStatuses')}</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`desk.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.error !== undefined && <ErrorAlert error={list.error} />}
      {!list.data ? (
        <Loading />
      ) : (
        <TicketTable
          items={list.data.items}
          withTenant
          hrefOf={(x) => `/operator/support/${x.tenant?.id ?? ''}/${x.id}`}
        />
      )}
      {access.data && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={access.data.installation}
            onChange={(e) =>
              void api.put('/api/operator/support/access', { anyUser: e.target.checked }).then(access.reload)
            }
          />{' '}
          {t('desk.support.access')} <span className="muted">{t('desk.support.accessLead')}</span>
        </label>
      )}
    </div>
  );
}

/** One ticket of a tenant: the thread and the answer (with the status it leaves the ticket in). */
export function OperatorTicketPage() {
  const { t } = useI18n();
  const { tenantId = '', id = '' } = useParams();
  const { unauthorized } = useOperatorSession();
  const base = `/api/operator/support/tenants/${encodeURIComponent(tenantId)}/tickets/${encodeURIComponent(id)}`;
  const { data, error, reload } = useLoad(() => api.get<TicketDetail>(base), [base], unauthorized);
  usePageTitle(data ? `#${data.ticket.number} ${data.ticket.subject}` : t('desk.support.title'));
  const submit = useSubmit(unauthorized);
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<TicketStatus>('answered');
  const onReply = submit.handle(async () => {
    await api.post(`${base}/replies`, { body, status });
    setBody('');
    reload();
  });
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Loading />;
  return (
    <div className="page page-medium">
      <Link to="/operator/support" className="back-link">
        ← {t('desk.support.back')}
      </Link>
      <h1 className="page-title">
        #{data.ticket.number} {data.ticket.subject}
      </h1>
      <p className="page-lead">
        {data.ticket.tenant?.name} · {t(`desk.category.${data.ticket.category}`)} ·{' '}
        <strong data-testid="ticket-status">{t(`desk.status.${data.ticket.status}`)}</strong>
        {data.openedBy && (
          <> · {t('desk.support.openedBy', { name: `${data.openedBy.name} <${data.openedBy.email}>` })}</>
        )}
      </p>
      <TicketThread detail={data} fileHref={(a) => `${base}/attachments/${a}`} />
      <form className="card card-padded form" onSubmit={onReply} noValidate data-testid="operator-reply-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field name="body" label={t('desk.support.reply')} error={submit.fieldErrors['body']} required>
          {(c) => <textarea {...c} rows={5} value={body} onChange={(e) => setBody(e.target.value)} />}
        </Field>
        <Field name="status" label={t('desk.support.newStatus')} required>
          {(c) => (
            <select {...c} value={status} onChange={(e) => setStatus(e.target.value as TicketStatus)}>
              {TICKET_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`desk.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="operator-reply-submit"
          >
            {t('desk.support.replyButton')}
          </button>
        </div>
      </form>
    </div>
  );
}
