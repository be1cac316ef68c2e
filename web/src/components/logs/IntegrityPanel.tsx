import { useState } from 'react';
import { api } from '../../api/client.js';
import { useI18n } from '../../i18n/index.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { ErrorAlert } from '../Alert.js';
import { saveBlob } from './download.js';
import { formatLogTime } from './query.js';
import type { VerificationReport } from './types.js';

const PROBLEMS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'sequence_gap',
  'head_mismatch',
  'checkpoint_signature_invalid',
  'checkpoint_hash_mismatch',
  'checkpoint_entry_missing',
] as const;
type Problem = (typeof PROBLEMS)[number];
const isProblem = (p: string): p is Problem => (PROBLEMS as readonly string[]).includes(p);

/** "Verify now": recomputes the audit chain on the server and shows the signed report. */
export function IntegrityPanel({ apiBase, onUnauthorized }: { apiBase: string; onUnauthorized: () => void }) {
  const { t } = useI18n();
  const submit = useSubmit(onUnauthorized);
  const [signed, setSigned] = useState<VerificationReport>();

  const verify = submit.handle(async () => {
    setSigned(await api.post<VerificationReport>(`${apiBase}/admin/logs/verify`));
  });

  const download = () => {
    if (!signed) return;
    const day = signed.report.verifiedAt.slice(0, 10).replace(/-/g, '');
    const blob = new Blob([`${JSON.stringify(signed, null, 2)}\n`], { type: 'application/json' });
    saveBlob(blob, `${signed.report.tenant.slug}-audit-verification-${day}.json`);
  };

  const r = signed?.report;
  const failure = r?.firstFailure;
  return (
    <section className="card" aria-labelledby="logs-integrity-title" data-testid="logs-integrity">
      <div className="card-toolbar">
        <div>
          <h2 id="logs-integrity-title" className="section-title">
            {t('logs.integrity.title')}
          </h2>
          <p className="muted small">{t('logs.integrity.lead')}</p>
        </div>
        <form onSubmit={verify}>
          <button
            type="submit"
            className="button button-secondary"
            disabled={submit.busy}
            data-testid="logs-verify"
          >
            {submit.busy ? t('logs.integrity.verifying') : t('logs.integrity.verify')}
          </button>
        </form>
      </div>
      <div className="card-padded form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        {!r ? (
          submit.error === undefined && <p className="muted small">{t('logs.integrity.notYet')}</p>
        ) : (
          <div data-testid="verify-report" data-result={r.result} aria-live="polite">
            <p>
              <span
                className={r.result === 'valid' ? 'badge badge-green' : 'badge badge-red'}
                data-testid="verify-result"
              >
                {t(r.result === 'valid' ? 'logs.integrity.valid' : 'logs.integrity.invalid')}
              </span>
            </p>
            <dl className="details">
              <div className="details-row">
                <dt>{t('logs.integrity.verifiedAt')}</dt>
                <dd className="nowrap">{formatLogTime(r.verifiedAt)}</dd>
              </div>
              <div className="details-row">
                <dt>{t('logs.integrity.entries')}</dt>
                <dd data-testid="verify-entries">{r.entriesChecked}</dd>
              </div>
              <div className="details-row">
                <dt>{t('logs.integrity.head')}</dt>
                <dd>
                  {t('logs.integrity.headValue', { seq: r.head.seq })}{' '}
                  <code className="small cell-wrap" title={r.head.hash}>
                    {r.head.hash}
                  </code>
                </dd>
              </div>
              <div className="details-row">
                <dt>{t('logs.integrity.checkpoints')}</dt>
                <dd data-testid="verify-checkpoints">{r.checkpointsChecked}</dd>
              </div>
              {failure && (
                <div className="details-row">
                  <dt>{t('logs.integrity.firstFailure')}</dt>
                  <dd data-testid="verify-failure" data-seq={failure.seq} data-problem={failure.problem}>
                    {t('logs.integrity.failureValue', {
                      seq: failure.seq,
                      problem: isProblem(failure.problem)
                        ? t(`logs.integrity.problem.${failure.problem}`)
                        : failure.problem,
                    })}
                    {failure.id && <code className="small"> {failure.id}</code>}
                  </dd>
                </div>
              )}
              <div className="details-row">
                <dt>{t('logs.integrity.key')}</dt>
                <dd>
                  <code className="small cell-wrap">{signed.publicKeyFingerprint}</code>
                </dd>
              </div>
            </dl>
            <div className="button-row">
              <button
                type="button"
                className="button button-secondary"
                onClick={download}
                data-testid="verify-download"
              >
                {t('logs.integrity.download')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
