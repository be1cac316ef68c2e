import { useI18n } from '../i18n/index.js';
import { formatDateTime } from '../lib/format.js';

export interface BackupStatusView {
  engine: string;
  kinds: {
    kind: string;
    location: string;
    generations: number;
    lastAt: string | null;
    lastFailureAt: string | null;
  }[];
  replicaAgeSeconds: number | null;
  lastDrill: { at: string; ok: boolean; kinds: { kind: string; ok: boolean }[] } | null;
  keyExists: boolean;
}

/** The backup facts of one database: one row per kind, the replica's age, the last drill. */
export function BackupFacts({ status, testId }: { status: BackupStatusView; testId: string }) {
  const { t } = useI18n();
  const kinds =
    status.engine === 'postgres' ? status.kinds.filter((k) => k.kind !== 'replica') : status.kinds;
  return (
    <div data-testid={testId}>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('backups.colKind')}</th>
              <th scope="col">{t('backups.colLocation')}</th>
              <th scope="col">{t('backups.colGenerations')}</th>
              <th scope="col">{t('backups.colLast')}</th>
              <th scope="col">{t('backups.colFailure')}</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr key={k.kind} data-testid={`${testId}-${k.kind}`}>
                <td>{t(`backups.kind.${k.kind as 'replica' | 'daily' | 'weekly'}`)}</td>
                <td>{t(`backups.location.${k.location as 'primary' | 'secondary'}`)}</td>
                <td>{k.generations}</td>
                <td>{k.lastAt ? formatDateTime(k.lastAt) : t('backups.none')}</td>
                <td>{k.lastFailureAt ? formatDateTime(k.lastFailureAt) : t('backups.none')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card-padded">
        <p>
          {status.replicaAgeSeconds !== null
            ? t('backups.replicaAge', { seconds: String(status.replicaAgeSeconds) })
            : status.engine === 'postgres'
              ? t('backups.replicaWal')
              : null}
        </p>
        <p data-testid={`${testId}-drill`}>
          {t('backups.drill')}:{' '}
          {status.lastDrill
            ? `${formatDateTime(status.lastDrill.at)} — ${status.lastDrill.ok ? t('backups.drillOk') : t('backups.drillFailed')}`
            : t('backups.drillNone')}
        </p>
      </div>
    </div>
  );
}
