import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n/index.js';
import { AppShell } from '../layout/AppShell.js';
import { usePageTitle } from '../lib/usePageTitle.js';

export function LandingPage() {
  const { t } = useI18n();
  usePageTitle(undefined);
  const navigate = useNavigate();
  const [slug, setSlug] = useState('');

  return (
    <AppShell>
      <div className="page">
        <section className="hero">
          <h1 className="hero-title">{t('landing.title')}</h1>
          <p className="hero-lead">{t('landing.lead')}</p>
        </section>
        <div className="landing-grid">
          <section className="card card-padded">
            <h2 className="section-title">{t('landing.tenantTitle')}</h2>
            <p>{t('landing.tenantBody')}</p>
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                const clean = slug.trim().toLowerCase();
                if (clean) void navigate(`/t/${encodeURIComponent(clean)}/sign-in`);
              }}
            >
              <label htmlFor="landing-slug" className="field-label">
                {t('landing.tenantSlugLabel')}
              </label>
              <div className="inline-form-row">
                <span className="input-prefix" aria-hidden="true">
                  /t/
                </span>
                <input
                  id="landing-slug"
                  value={slug}
                  onChange={(e) => setSlug(e.target.value)}
                  autoComplete="off"
                  spellCheck={false}
                  placeholder="acme"
                />
                <button type="submit" className="button button-secondary">
                  {t('landing.tenantGo')}
                </button>
              </div>
            </form>
          </section>
          <section className="card card-padded">
            <h2 className="section-title">{t('landing.operatorTitle')}</h2>
            <p>{t('landing.operatorBody')}</p>
            <Link to="/operator" className="button button-primary" data-testid="landing-operator">
              {t('landing.operatorLink')}
            </Link>
          </section>
        </div>
      </div>
    </AppShell>
  );
}
