import { useI18n } from '../i18n/index.js';

/**
 * A small “?” link to a Handbook page (`/handbook/<lang>/<page>`, page = a file name in
 * docs/handbook/<lang>/ without `.md`). Placeholder until the
 * Handbook is served; the page id is stable so links keep working when it is.
 */
export function HelpLink({ page, topic }: { page: string; topic: string }) {
  const { t, lang } = useI18n();
  return (
    <a
      className="help-link"
      href={`/handbook/${lang}/${encodeURIComponent(page)}`}
      aria-label={t('nav.help', { topic })}
      title={t('nav.help', { topic })}
      data-testid={`help-${page}`}
    >
      ?
    </a>
  );
}
