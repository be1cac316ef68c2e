import { useState } from 'react';
import { api } from '../../../api/client.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDate, formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

type Status = 'ok' | 'warning' | 'failed' | 'unknown';
interface Fact {
  id: string;
  label: string;
  status: Status;
  kind: 'text' | 'datetime' | 'date' | 'code';
  value: string | null;
  display: string;
}
interface Trust {
  generatedAt: string;
  sections: { id: string; title: string; available: boolean; notice?: string; facts: Fact[] }[];
}

const BADGE: Record<Status, string> = {
  ok: 'badge-green',
  warning: 'badge-amber',
  failed: 'badge-red',
  unknown: 'badge-gray',
};

function shown(f: Fact): string {
  if (f.value === null) return f.display;
  if (f.kind === 'datetime') return formatDateTime(f.value);
  if (f.kind === 'date') return formatDate(f.value);
  return f.display;
}

/** The trust page: the whitepaper's promises as live facts of this organisation (org admins). */
export function TrustPage() {
  const { t } = useI18n();
  usePageTitle(t('ops.trust.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const { data, error, loading, reload } = useLoad(
    () => api.get<Trust>(`${apiBase}/admin/trust`),
    [apiBase],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [verified, setVerified] = useState<'valid' | 'invalid'>();
  const verify = submit.handle(async () => {
    const res = await api.post<{ result: 'valid' | 'invalid' }>(`${apiBase}/admin/trust/verify-logs`);
    setVerified(res.result);
    reload();
  });

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('ops.trust.title')} <HelpLink page="trust-page" topic={t('ops.trust.title')} />
          </h1>
          <p className="page-lead">{t('ops.trust.lead')}</p>
          {data && (
            <p className="muted small">
              {t('ops.trust.generatedAt', { at: formatDateTime(data.generatedAt) })}
            </p>
          )}
        </div>
        <form onSubmit={verify}>
          <button
            type="submit"
            className="button button-secondary"
            disabled={submit.busy}
            data-testid="trust-verify"
          >
            {t('ops.trust.verifyNow')}
          </button>
        </form>
      </div>
      {verified && (
        <Alert tone={verified === 'valid' ? 'success' : 'error'} testId="trust-verified">
          {t('ops.trust.verified', { result: t(`ops.trust.result.${verified}`) })}
        </Alert>
      )}
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : (
        data?.sections.map((s) => (
          <section key={s.id} className="card card-padded" data-testid={`trust-${s.id}`}>
            <h2 className="section-title">{s.title}</h2>
            {!s.available ? (
              <p className="muted" data-testid={`trust-${s.id}-na`}>
                <span className="badge badge-gray">{s.notice ?? t('ops.trust.notAvailable')}</span>
              </p>
            ) : (
              <dl className="details">
                {s.facts.map((f) => (
                  <div className="details-row" key={f.id}>
                    <dt>{f.label}</dt>
                    <dd data-testid={`fact-${f.id}`}>
                      <span className={`badge ${BADGE[f.status]}`}>{t(`ops.trust.status.${f.status}`)}</span>{' '}
                      {shown(f)}
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        ))
      )}
    </div>
  );
}
