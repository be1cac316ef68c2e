import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

interface OperatorStatus {
  time: {
    serverTime: string;
    timeZone: string;
    synchronised: 'yes' | 'no' | 'unknown';
    source: string;
    probes: { method: string; ok: boolean; output?: string; reason?: string }[];
  };
  integrity: { publicKeyFingerprint: string; lastCheckpointAt: string | null; checkpoints: number };
}

/** The clock behind every log time (source, NTP state, what was read) and the log checkpoints. */
export function StatusPage() {
  const { t } = useI18n();
  usePageTitle(t('operator.status.title'));
  const { unauthorized } = useOperatorSession();
  const { data, error, loading, reload } = useLoad(
    () => api.get<OperatorStatus>('/api/operator/status'),
    [],
    unauthorized,
  );
  const synced = data ? t(`operator.status.${data.time.synchronised}`) : '';

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('operator.status.title')}</h1>
          <p className="page-lead">{t('operator.status.lead')}</p>
        </div>
        <button type="button" className="button button-secondary" onClick={reload} disabled={loading}>
          {t('operator.status.refresh')}
        </button>
      </div>
      {loading && !data ? (
        <Loading />
      ) : error ? (
        <ErrorAlert error={error} />
      ) : data ? (
        <>
          <section className="card" data-testid="status-clock">
            <h2>{t('operator.status.clock')}</h2>
            <dl className="details">
              <dt>{t('operator.status.serverTime')}</dt>
              <dd data-testid="status-server-time">{formatDateTime(data.time.serverTime)}</dd>
              <dt>{t('operator.status.timeZone')}</dt>
              <dd>{data.time.timeZone}</dd>
              <dt>{t('operator.status.synchronised')}</dt>
              <dd data-testid="status-synchronised">{synced}</dd>
              <dt>{t('operator.status.source')}</dt>
              <dd data-testid="status-source">{data.time.source}</dd>
            </dl>
            <h3>{t('operator.status.probes')}</h3>
            <div className="table-wrap">
              <table className="table" data-testid="status-probes">
                <thead>
                  <tr>
                    <th scope="col">{t('operator.status.probeMethod')}</th>
                    <th scope="col">{t('operator.status.probeResult')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.time.probes.map((p) => (
                    <tr key={p.method}>
                      <td>
                        <code>{p.method}</code>
                      </td>
                      <td>{p.ok ? (p.output ?? '') : (p.reason ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" data-testid="status-integrity">
            <h2>{t('operator.status.integrity')}</h2>
            <dl className="details">
              <dt>{t('operator.status.fingerprint')}</dt>
              <dd>
                <code>{data.integrity.publicKeyFingerprint}</code>
              </dd>
              <dt>{t('operator.status.lastCheckpoint')}</dt>
              <dd>
                {data.integrity.lastCheckpointAt
                  ? formatDateTime(data.integrity.lastCheckpointAt)
                  : t('operator.status.none')}
              </dd>
              <dt>{t('operator.status.checkpoints')}</dt>
              <dd>{data.integrity.checkpoints}</dd>
            </dl>
          </section>
        </>
      ) : null}
    </div>
  );
}
