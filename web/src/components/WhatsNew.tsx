import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client.js';
import { useI18n } from '../i18n/index.js';
import { ReleaseChanges, type Release } from './ReleaseChanges.js';

interface WhatsNewBody {
  currentVersion: string;
  notes: Release[];
}

/**
 * The "what's new" notice after an upgrade: shown once per user and version (the server records
 * that it was shown), closable, with a link to the history for administrators.
 */
export function WhatsNew({ apiBase, slug, isAdmin }: { apiBase: string; slug: string; isAdmin: boolean }) {
  const { t, lang } = useI18n();
  const [news, setNews] = useState<WhatsNewBody>();
  const [open, setOpen] = useState(true);

  useEffect(() => {
    let live = true;
    api.get<WhatsNewBody>(`${apiBase}/whats-new`).then(
      (body) => {
        if (!live || body.notes.length === 0) return;
        setNews(body);
        void api.post(`${apiBase}/whats-new/seen`).catch(() => undefined);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [apiBase]);

  if (!news || !open) return null;
  return (
    <section className="alert alert-info whats-new" aria-labelledby="whats-new-title" data-testid="whats-new">
      <div className="whats-new-head">
        <h2 id="whats-new-title" className="alert-title">
          {t('ops.whatsNew.title', { version: news.currentVersion })}
        </h2>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={() => setOpen(false)}
          data-testid="whats-new-close"
        >
          {t('ops.whatsNew.close')}
        </button>
      </div>
      {news.notes.map((n) => (
        <ReleaseChanges key={n.id} release={n} lang={lang} />
      ))}
      {isAdmin && (
        <p className="small">
          <Link to={`/t/${slug}/admin/releases`}>{t('ops.whatsNew.allNotes')}</Link>
        </p>
      )}
    </section>
  );
}
