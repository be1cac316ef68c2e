import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import type { Meta } from '../api/types.js';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { useI18n } from '../i18n/index.js';

let metaRequest: Promise<Meta> | undefined;

/** `GET /api/meta`, fetched once per page load (the version only changes with a deploy). */
function useMeta(): Meta | undefined {
  const [meta, setMeta] = useState<Meta>();
  useEffect(() => {
    let live = true;
    metaRequest ??= api.get<Meta>('/api/meta');
    metaRequest.then(
      (value) => live && setMeta(value),
      () => {
        metaRequest = undefined;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return meta;
}

interface AppShellProps {
  /** Console or organisation name shown beside the product name. */
  context?: ReactNode;
  /** Where the product name links to. */
  homeHref?: string;
  /** Signed-in person's name, if any. */
  person?: string | undefined;
  onSignOut?: (() => void) | undefined;
  nav?: ReactNode;
  children: ReactNode;
}

export function AppShell({ context, homeHref = '/', person, onSignOut, nav, children }: AppShellProps) {
  const { t } = useI18n();
  const meta = useMeta();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header-inner">
          <div className="header-brand">
            <Link to={homeHref} className="brand" data-testid="brand">
              <span className="brand-mark" aria-hidden="true">
                Y
              </span>
              <span className="brand-name">
                Yosan <span lang="ja">予算</span>
              </span>
            </Link>
            {context && (
              <>
                <span className="header-divider" aria-hidden="true" />
                <span className="header-context" data-testid="header-context">
                  {context}
                </span>
              </>
            )}
          </div>
          <div className="header-actions">
            <LanguageSwitch />
            {person && (
              <span className="header-person" data-testid="header-person">
                {person}
              </span>
            )}
            {onSignOut && (
              <button
                type="button"
                className="button button-ghost button-small"
                onClick={onSignOut}
                data-testid="sign-out"
              >
                {t('common.signOut')}
              </button>
            )}
          </div>
        </div>
        {nav && <div className="header-nav">{nav}</div>}
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="footer-inner">
          <span data-testid="footer-version">
            {meta ? t('app.version', { version: meta.version }) : 'Yosan'}
          </span>
          <Link to="/terms" className="footer-link" data-testid="footer-terms">
            {t('ops.footer.terms')}
          </Link>
          <span className="footer-note">{t('app.tagline')}</span>
        </div>
      </footer>
    </div>
  );
}
