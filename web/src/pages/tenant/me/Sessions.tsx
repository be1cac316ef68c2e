import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, forgetCsrfToken } from '../../../api/client.js';
import type { SessionView } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { describeUserAgent, formatDateTime } from '../../../lib/format.js';

/** Active sessions, each with End; “sign out everywhere” ends this one too. */
export function Sessions({ sessions, onChanged }: { sessions: SessionView[]; onChanged: () => void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { slug, apiBase, setUser, unauthorized } = useTenantSession();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState(false);
  const [error, setError] = useState<unknown>();

  const fail = (reason: unknown) =>
    reason instanceof ApiError && reason.status === 401 ? unauthorized() : setError(reason);
  const end = (session: SessionView) => {
    setBusy(true);
    setError(undefined);
    setNotice(false);
    api
      .delete(`${apiBase}/me/sessions/${encodeURIComponent(session.id)}`)
      .then(() => {
        if (session.current) return signedOut();
        setNotice(true);
        onChanged();
      }, fail)
      .finally(() => setBusy(false));
  };
  const signedOut = () => {
    forgetCsrfToken();
    setUser(null);
    void navigate(`/t/${slug}/sign-in`, { state: { notice: 'signedOut' } });
  };
  const endAll = () => {
    setBusy(true);
    api
      .post(`${apiBase}/me/sessions/revoke-all`)
      .then(signedOut, fail)
      .finally(() => {
        setBusy(false);
        setConfirming(false);
      });
  };

  return (
    <section className="card" aria-labelledby="me-sessions-title">
      <div className="card-toolbar">
        <div>
          <h2 id="me-sessions-title" className="section-title">
            {t('account.me.sessions')}
          </h2>
          <p className="muted small">{t('account.me.sessionsLead')}</p>
        </div>
        <button
          type="button"
          className="button button-danger-outline button-small"
          onClick={() => setConfirming(true)}
          data-testid="sessions-end-all"
        >
          {t('account.me.endAll')}
        </button>
      </div>
      {notice && <Alert tone="success" title={t('account.me.sessionEnded')} />}
      {error !== undefined && <ErrorAlert error={error} />}
      <ul className="row-list" data-testid="me-sessions">
        {sessions.map((s) => {
          const browser = describeUserAgent(s.userAgent) ?? t('tenant.home.unknownBrowser');
          return (
            <li key={s.id} className="row-item" data-testid="me-session" data-current={s.current}>
              <div>
                <strong>{browser}</strong>{' '}
                {s.current && <span className="badge badge-blue">{t('account.me.thisSession')}</span>}
                <p className="muted small">
                  {s.ip ?? t('common.none')} · {t('account.me.started')} {formatDateTime(s.createdAt)} ·{' '}
                  {t('account.me.lastSeen')} {formatDateTime(s.lastSeenAt)}
                </p>
              </div>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={busy}
                aria-label={t('account.me.endSession', { browser })}
                onClick={() => end(s)}
                data-testid="session-end"
              >
                {t('account.me.end')}
              </button>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirming}
        danger
        busy={busy}
        title={t('account.me.endAllTitle')}
        confirmLabel={t('account.me.endAll')}
        onConfirm={endAll}
        onCancel={() => setConfirming(false)}
      >
        <p>{t('account.me.endAllBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
