import { useState } from 'react';
import type { FormEvent } from 'react';
import { api } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { HelpLink } from '../../components/HelpLink.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { useSubmit } from '../../lib/useSubmit.js';

interface Contract {
  contractEnd: string;
  closingDay: string;
  backupDeadline: string;
  cancelled: { by: string; at: string } | null;
  reminders: { kind: string; sentAt: string; recipients: number }[];
}

/** The tenant's contract end date, its termination, and cancelling it by typing the slug. */
export function ContractCard({ tenant }: { tenant: Tenant }) {
  const { t } = useI18n();
  const { unauthorized } = useOperatorSession();
  const path = `/api/operator/tenants/${encodeURIComponent(tenant.id)}/contract`;
  const loaded = useLoad(() => api.get<{ contract: Contract }>(path), [path], unauthorized);
  const [override, setOverride] = useState<Contract>();
  const [end, setEnd] = useState<string>();
  const [notice, setNotice] = useState<'saved' | 'cancelDone'>();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const save = useSubmit(unauthorized);
  const cancel = useSubmit(unauthorized);
  const contract = override ?? loaded.data?.contract;
  if (tenant.status === 'closed') return null;
  if (!contract) return loaded.error ? <ErrorAlert error={loaded.error} /> : null;

  const onSave = save.handle(async () => {
    setNotice(undefined);
    const body = await api.put<{ contract: Contract }>(path, { contractEnd: end ?? contract.contractEnd });
    setOverride(body.contract);
    setNotice('saved');
  });
  const onCancel = cancel.handle(async () => {
    const body = await api.post<{ contract: Contract }>(
      `/api/operator/tenants/${encodeURIComponent(tenant.id)}/termination/cancel`,
      { confirmSlug: typed },
    );
    setOverride(body.contract);
    setConfirming(false);
    setNotice('cancelDone');
  });

  return (
    <section className="card card-padded" data-testid="contract-card">
      <h2 className="section-title">
        {t('contracts.title')} <HelpLink page="contract-end" topic={t('contracts.title')} />
      </h2>
      {notice && <Alert tone="success" testId="contract-notice" title={t(`contracts.${notice}`)} />}
      {save.error !== undefined && <ErrorAlert error={save.error} />}
      <dl className="details">
        <div className="details-row">
          <dt>{t('contracts.closingDay')}</dt>
          <dd data-testid="closing-day">{formatDate(contract.closingDay)}</dd>
        </div>
        <div className="details-row">
          <dt>{t('contracts.reminders')}</dt>
          <dd>
            {contract.reminders.length === 0
              ? t('contracts.noReminders')
              : contract.reminders.map((r) => (
                  <div key={r.kind}>
                    {t('contracts.reminder', {
                      days: r.kind.replace('d', ''),
                      at: formatDateTime(r.sentAt),
                      count: r.recipients,
                    })}
                  </div>
                ))}
          </dd>
        </div>
      </dl>
      <p className="field-hint">
        {t('contracts.closingHint', { deadline: formatDate(contract.backupDeadline) })}
      </p>
      {contract.cancelled ? (
        <Alert
          tone="info"
          testId="termination-cancelled"
          title={t('contracts.cancelled', {
            by: contract.cancelled.by,
            at: formatDateTime(contract.cancelled.at),
          })}
        />
      ) : (
        <button
          type="button"
          className="button button-danger-outline"
          data-testid="cancel-termination"
          onClick={() => {
            setTyped('');
            cancel.clear();
            setConfirming(true);
          }}
        >
          {t('contracts.cancel')}
        </button>
      )}
      <form className="form" onSubmit={onSave} data-testid="contract-form">
        <label className="field-label" htmlFor="contract-end">
          {t('contracts.endDate')}
        </label>
        <input
          id="contract-end"
          type="date"
          className="input"
          value={end ?? contract.contractEnd}
          onChange={(e) => setEnd(e.target.value)}
          data-testid="contract-end"
          required
        />
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={save.busy}
            data-testid="contract-save"
          >
            {t('contracts.save')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        danger
        busy={cancel.busy}
        title={t('contracts.cancelTitle', { name: tenant.displayName })}
        confirmLabel={t('contracts.cancel')}
        onConfirm={() => onCancel({ preventDefault: () => undefined } as unknown as FormEvent)}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('contracts.cancelBody', { end: formatDate(contract.contractEnd) })}</p>
        <label className="field-label" htmlFor="confirm-slug">
          {t('contracts.confirmSlug')} (<code>{tenant.slug}</code>)
        </label>
        <input
          id="confirm-slug"
          className="input"
          autoComplete="off"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          data-testid="confirm-slug"
        />
        {cancel.error !== undefined && <ErrorAlert error={cancel.error} />}
      </ConfirmDialog>
    </section>
  );
}
