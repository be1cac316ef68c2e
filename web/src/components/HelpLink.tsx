import { useLocation, useParams } from 'react-router';
import { useI18n } from '../i18n/index.js';

/** Where the Handbook is read from here: the organisation's, the operator console's, or the generic link. */
export function handbookBase(slug: string | undefined, pathname: string): string {
  if (slug) return `/t/${encodeURIComponent(slug)}/handbook`;
  if (pathname.startsWith('/operator')) return '/operator/handbook';
  return '/handbook';
}

/**
 * A small “?” link to a Handbook page (`…/handbook/<lang>/<page>`, page = a file name in
 * docs/handbook/<lang>/ without `.md`), opened in the reader's organisation (or console).
 */
export function HelpLink({ page, topic }: { page: string; topic: string }) {
  const { t, lang } = useI18n();
  const { slug } = useParams();
  const { pathname } = useLocation();
  return (
    <a
      className="help-link"
      href={`${handbookBase(slug, pathname)}/${lang}/${encodeURIComponent(page)}`}
      aria-label={t('nav.help', { topic })}
      title={t('nav.help', { topic })}
      data-testid={`help-${page}`}
    >
      ?
    </a>
  );
}
