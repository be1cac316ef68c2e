import { LANGUAGES, useI18n } from '../i18n/index.js';

/** ja / en toggle for the header; the choice is remembered in localStorage. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className={code === lang ? 'lang-option is-active' : 'lang-option'}
          aria-pressed={code === lang}
          data-testid={`lang-${code}`}
          onClick={() => setLang(code)}
        >
          {t(`lang.${code}`)}
        </button>
      ))}
    </div>
  );
}
