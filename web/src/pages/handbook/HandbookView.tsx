import { useEffect, useRef, useState } from 'react';
import type { FormEvent, MouseEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Loading } from '../../components/Loading.js';
import { isLanguage, useI18n } from '../../i18n/index.js';
import type { Language } from '../../i18n/index.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

type Audience = 'user' | 'admin' | 'operator';
interface PageRef {
  id: string;
  title: string;
  audience: Audience;
}
interface Page extends PageRef {
  html: string;
}
interface SearchResult extends PageRef {
  snippet: string;
}

interface HandbookViewProps {
  /** API base, e.g. `/t/acme/api/handbook` or `/api/operator/handbook`. */
  apiBase: string;
  /** SPA base, e.g. `/t/acme/handbook`. */
  spaBase: string;
  onUnauthorized: () => void;
}

const AUDIENCES: Audience[] = ['user', 'admin', 'operator'];
const START_PAGE = 'handbook';

/**
 * The Handbook reader: contents grouped by audience, full-text search (`?q=`), and the page,
 * rendered by the server from Markdown (raw HTML escaped there), in the URL's language.
 */
export function HandbookView({ apiBase, spaBase, onUnauthorized }: HandbookViewProps) {
  const { t, lang: uiLang } = useI18n();
  const params = useParams();
  const navigate = useNavigate();
  const lang: Language = isLanguage(params.lang) ? params.lang : uiLang;
  const pageId = params.page;
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const [draft, setDraft] = useState(q);

  const toc = useLoad(
    () => api.get<{ pages: PageRef[] }>(`${apiBase}?lang=${lang}`),
    [apiBase, lang],
    onUnauthorized,
  );
  const page = useLoad(
    () =>
      pageId
        ? api.get<Page>(`${apiBase}/pages/${lang}/${encodeURIComponent(pageId)}`)
        : Promise.resolve(undefined),
    [apiBase, lang, pageId],
    onUnauthorized,
  );
  const found = useLoad(
    () =>
      q
        ? api.get<{ results: SearchResult[] }>(`${apiBase}/search?lang=${lang}&q=${encodeURIComponent(q)}`)
        : Promise.resolve(undefined),
    [apiBase, lang, q],
    onUnauthorized,
  );
  usePageTitle(page.data?.title ?? t('ops.handbook.title'));

  // The Handbook opens at "Read the Handbook"; switching Yosan's language shows the same page in it.
  const lastUiLang = useRef(uiLang);
  useEffect(() => {
    const switched = lastUiLang.current !== uiLang;
    lastUiLang.current = uiLang;
    if (!pageId)
      void navigate(`${spaBase}/${lang}/${START_PAGE}${q ? `?q=${encodeURIComponent(q)}` : ''}`, {
        replace: true,
      });
    else if (switched && uiLang !== lang) void navigate(`${spaBase}/${uiLang}/${pageId}`);
  }, [uiLang, lang, pageId, spaBase, navigate, q]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = draft.trim();
    setSearch(next ? { q: next } : {});
  };

  // Links between pages stay inside the app (no full reload).
  const follow = (event: MouseEvent<HTMLElement>) => {
    const a = (event.target as HTMLElement).closest('a');
    const href = a?.getAttribute('href');
    if (href?.startsWith(`${spaBase}/`)) {
      event.preventDefault();
      void navigate(href);
    }
  };

  const other: Language = lang === 'ja' ? 'en' : 'ja';
  return (
    <div className="page handbook" data-testid="handbook">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('ops.handbook.title')}</h1>
          <p className="page-lead">{t('ops.handbook.lead')}</p>
        </div>
      </div>
      <form className="inline-form-row handbook-search" role="search" onSubmit={submit}>
        <label className="visually-hidden" htmlFor="handbook-q">
          {t('ops.handbook.search')}
        </label>
        <input
          id="handbook-q"
          type="search"
          value={draft}
          maxLength={200}
          placeholder={t('ops.handbook.searchPlaceholder')}
          onChange={(e) => setDraft(e.target.value)}
          data-testid="handbook-search"
        />
        <button type="submit" className="button button-secondary" data-testid="handbook-search-submit">
          {t('ops.handbook.searchButton')}
        </button>
      </form>
      <div className="handbook-layout">
        <nav className="card card-padded handbook-toc" aria-label={t('ops.handbook.contents')}>
          <h2 className="section-title">{t('ops.handbook.contents')}</h2>
          {toc.error ? <ErrorAlert error={toc.error} /> : null}
          {AUDIENCES.map((audience) => {
            const pages = toc.data?.pages.filter((p) => p.audience === audience) ?? [];
            if (pages.length === 0) return null;
            return (
              <div key={audience} data-testid={`handbook-toc-${audience}`}>
                <h3 className="eyebrow">{t(`ops.handbook.audience.${audience}`)}</h3>
                <ul className="handbook-toc-list">
                  {pages.map((p) => (
                    <li key={p.id}>
                      <Link
                        to={`${spaBase}/${lang}/${p.id}`}
                        aria-current={p.id === pageId ? 'page' : undefined}
                        data-testid={`handbook-toc-${p.id}`}
                      >
                        {p.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <div className="handbook-main">
          {q ? (
            <section className="card card-padded" data-testid="handbook-results" aria-live="polite">
              {found.loading ? (
                <Loading />
              ) : found.error ? (
                <ErrorAlert error={found.error} />
              ) : (
                <>
                  <h2 className="section-title">
                    {found.data?.results.length
                      ? t('ops.handbook.results', { count: found.data.results.length, q })
                      : t('ops.handbook.noResults', { q })}
                  </h2>
                  <ul className="handbook-results">
                    {found.data?.results.map((r) => (
                      <li key={r.id}>
                        <Link to={`${spaBase}/${lang}/${r.id}`} data-testid={`handbook-result-${r.id}`}>
                          {r.title}
                        </Link>
                        <p className="muted small">{r.snippet}</p>
                      </li>
                    ))}
                  </ul>
                  <button
                    type="button"
                    className="button button-ghost button-small"
                    onClick={() => {
                      setDraft('');
                      setSearch({});
                    }}
                  >
                    {t('ops.handbook.clear')}
                  </button>
                </>
              )}
            </section>
          ) : !pageId ? (
            <p className="empty">{t('ops.handbook.choose')}</p>
          ) : page.loading ? (
            <Loading />
          ) : page.error ? (
            <ErrorAlert error={page.error} />
          ) : page.data ? (
            <article className="card card-padded handbook-page" lang={lang} data-testid="handbook-page">
              <p className="small">
                <Link to={`${spaBase}/${other}/${page.data.id}`} data-testid="handbook-other-language">
                  {t('ops.handbook.otherLanguage')}
                </Link>
              </p>
              <div
                onClick={follow}
                // The server renders Markdown with raw HTML disabled, so this is markup it produced itself.
                dangerouslySetInnerHTML={{ __html: page.data.html }}
              />
            </article>
          ) : null}
        </div>
      </div>
    </div>
  );
}
