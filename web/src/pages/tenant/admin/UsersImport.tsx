import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import type { ImportProgress } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { CsvImport } from '../../../components/CsvImport.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { progressOf } from '../../../lib/importTable.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

interface Imported {
  batchId: string;
  created: number;
}

const POLL_MS = 1000;

/** CSV import wizard: template → file → dry run → import → invitation progress. */
export function UsersImportPage() {
  const { t } = useI18n();
  usePageTitle(t('admin.import.title'));
  const { slug, apiBase, unauthorized } = useTenantSession();
  const [imported, setImported] = useState<Imported>();
  const [round, setRound] = useState(0);

  return (
    <div className="page">
      <Link to={`/t/${slug}/admin/users`} className="back-link">
        ← {t('admin.userDetail.back')}
      </Link>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.import.title')} <HelpLink page="user-import-csv" topic={t('admin.import.title')} />
          </h1>
          <p className="page-lead">{t('admin.import.lead')}</p>
        </div>
      </div>
      {imported ? (
        <ImportProgressView
          imported={imported}
          apiBase={apiBase}
          onUnauthorized={unauthorized}
          onAgain={() => {
            setImported(undefined);
            setRound((n) => n + 1);
          }}
          usersHref={`/t/${slug}/admin/users`}
        />
      ) : (
        <CsvImport<Imported>
          key={round}
          base={`${apiBase}/admin/users/import`}
          importLabel={(count) => t('admin.import.import', { count })}
          onImported={setImported}
          onUnauthorized={unauthorized}
          columnLabels={{
            email: t('admin.import.columns.email'),
            name: t('admin.import.columns.name'),
            language: t('admin.import.columns.language'),
            groups: t('admin.import.columns.groups'),
            admin: t('admin.import.columns.admin'),
          }}
        />
      )}
    </div>
  );
}

function ImportProgressView(props: {
  imported: Imported;
  apiBase: string;
  onUnauthorized: () => void;
  onAgain: () => void;
  usersHref: string;
}) {
  const { imported, apiBase, onUnauthorized, onAgain, usersHref } = props;
  const { t } = useI18n();
  const [progress, setProgress] = useState<ImportProgress>();
  const [error, setError] = useState<unknown>();
  const finished = progress ? progressOf(progress).finished : false;

  useEffect(() => {
    if (finished) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.get<ImportProgress>(`${apiBase}/admin/users/import/${encodeURIComponent(imported.batchId)}`).then(
        (p) => {
          if (!live) return;
          setProgress(p);
          setError(undefined);
          if (!progressOf(p).finished) timer = setTimeout(poll, POLL_MS);
        },
        (reason: unknown) => {
          if (!live) return;
          if (reason instanceof ApiError && reason.status === 401) return onUnauthorized();
          setError(reason);
          timer = setTimeout(poll, POLL_MS * 3);
        },
      );
    };
    poll();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [apiBase, imported.batchId, finished, onUnauthorized]);

  const { percent } = progress ? progressOf(progress) : { percent: 0 };
  return (
    <section
      className="card card-padded"
      aria-labelledby="import-progress-title"
      data-testid="import-progress"
    >
      <h2 id="import-progress-title" className="section-title">
        {t('admin.import.progress')}
      </h2>
      <p>{t('admin.import.progressLead', { created: imported.created })}</p>
      <progress className="progress" max={100} value={percent} aria-label={t('admin.import.progress')} />
      {progress && (
        <dl className="stat-row" aria-live="polite" data-testid="import-counts">
          <div className="stat">
            <dt>{t('admin.import.sent')}</dt>
            <dd data-testid="import-sent">{progress.sent}</dd>
          </div>
          <div className="stat">
            <dt>{t('admin.import.pending')}</dt>
            <dd data-testid="import-pending">{progress.pending}</dd>
          </div>
          <div className="stat">
            <dt>{t('admin.import.failed')}</dt>
            <dd data-testid="import-failed">{progress.failed}</dd>
          </div>
        </dl>
      )}
      {error !== undefined && <ErrorAlert error={error} />}
      {finished && <Alert tone="success" title={t('admin.import.finished')} testId="import-finished" />}
      {finished && progress && progress.failed > 0 && (
        <Alert tone="warning" title={t('admin.import.failedHint')} />
      )}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onAgain}>
          {t('admin.import.another')}
        </button>
        <Link to={usersHref} className="button button-primary" data-testid="import-to-users">
          {t('admin.import.toUsers')}
        </Link>
      </div>
    </section>
  );
}
