import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { recoveryCodesFileName, recoveryCodesText } from '../../lib/recoveryCodes.js';
import { Alert } from '../Alert.js';

interface RecoveryCodesProps {
  codes: readonly string[];
  account: string;
  slug: string;
  onDone: () => void;
  doneLabel: string;
}

/** The 10 recovery codes, shown once, with download (.txt) and copy. */
export function RecoveryCodes({ codes, account, slug, onDone, doneLabel }: RecoveryCodesProps) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const text = recoveryCodesText({
    title: t('account.me.recoveryFileTitle'),
    account,
    note: t('account.me.recoveryFileNote'),
    codes,
  });
  const href = useMemo(
    () => URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' })),
    [text],
  );
  useEffect(() => () => URL.revokeObjectURL(href), [href]);

  const copy = () => {
    void navigator.clipboard?.writeText(codes.join('\n')).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <section className="recovery" aria-labelledby="recovery-title" data-testid="recovery-codes">
      <h2 id="recovery-title" className="section-title">
        {t('account.me.recoveryTitle')}
      </h2>
      <Alert tone="warning">
        <p>{t('account.me.recoveryLead')}</p>
      </Alert>
      <ol className="recovery-codes" data-testid="recovery-code-list">
        {codes.map((code) => (
          <li key={code} data-testid="recovery-code">
            {code}
          </li>
        ))}
      </ol>
      <div className="button-row">
        <a
          className="button button-secondary"
          href={href}
          download={recoveryCodesFileName(slug)}
          data-testid="recovery-download"
        >
          {t('account.me.download')}
        </a>
        <button type="button" className="button button-secondary" onClick={copy} data-testid="recovery-copy">
          {t('account.me.copy')}
        </button>
        <span role="status" className="muted small">
          {copied ? t('account.me.copied') : ''}
        </span>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={onDone} data-testid="recovery-done">
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
