import { useState } from 'react';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { BackupFacts, type BackupStatusView } from '../../components/BackupFacts.js';
import { HelpLink } from '../../components/HelpLink.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

interface View {
  scopes: {
    scope: string;
    label: string;
    status: BackupStatusView;
    drillProblems: { kind: string; problems: string[] }[];
  }[];
}

/** Operator console: backup facts of every database, with "run now" buttons (jobs, audited). */
export function BackupsPage() {
  const { t } = useI18n();
  usePageTitle(t('backups.title'));
  const { unauthorized } = useOperatorSession();
  const { data, error, loading, reload } = useLoad(
    () => api.get<View>('/api/operator/backups'),
    [],
    unauthorized,
  );
  const [queued, setQueued] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  const act = async (verb: 'run' | 'drill', scope: string) => {
    setActionError(null);
    try {
      await api.post(`/api/operator/backups/${verb}`, scope === 'control' ? {} : { tenantId: scope });
      setQueued(`${verb}:${scope}`);
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('backups.title')} <HelpLink page="operator-backups" topic={t('backups.title')} />
          </h1>
          <p className="page-lead">{t('backups.lead')}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={reload} disabled={loading}>
          {t('backups.refresh')}
        </button>
      </div>
      {actionError ? <ErrorAlert error={actionError} /> : null}
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : (
        (data?.scopes ?? []).map((s) => (
          <section key={s.scope} className="card" data-testid={`backup-scope-${s.label}`}>
            <div className="card-toolbar">
              <h2 className="section-title">{s.scope === 'control' ? t('backups.control') : s.label}</h2>
              <div className="form-actions">
                {queued?.endsWith(`:${s.scope}`) ? <span role="status">{t('backups.queued')}</span> : null}
                <button
                  type="button"
                  className="button button-secondary"
                  data-testid={`backup-run-${s.label}`}
                  onClick={() => void act('run', s.scope)}
                >
                  {t('backups.runNow')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  data-testid={`backup-drill-${s.label}`}
                  onClick={() => void act('drill', s.scope)}
                >
                  {t('backups.drillNow')}
                </button>
              </div>
            </div>
            <BackupFacts status={s.status} testId={`backup-facts-${s.label}`} />
            {s.drillProblems
              .filter((p) => p.problems.length > 0)
              .map((p) => (
                <p key={p.kind} className="card-padded field-error">
                  {p.kind}: {p.problems.join('; ')}
                </p>
              ))}
          </section>
        ))
      )}
    </div>
  );
}
