import { api } from '../api/client.js';
import { ErrorAlert } from '../components/Alert.js';
import { Loading } from '../components/Loading.js';
import { useI18n } from '../i18n/index.js';
import { AppShell } from '../layout/AppShell.js';
import { formatDate } from '../lib/format.js';
import { useLoad } from '../lib/useLoad.js';
import { usePageTitle } from '../lib/usePageTitle.js';
import type { Terms } from './operator/TermsEdit.js';

/** `/terms`: the terms of service in force, in the reader's language (linked from every footer). */
export function TermsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('ops.terms.title'));
  const { data, error, loading } = useLoad(() => api.get<{ terms: Terms }>('/api/terms'), []);
  return (
    <AppShell>
      <div className="page page-medium" data-testid="terms-page">
        <h1 className="page-title">{t('ops.terms.title')}</h1>
        {loading ? (
          <Loading />
        ) : error ? (
          <ErrorAlert error={error} />
        ) : data ? (
          <article className="card card-padded" lang={lang}>
            <p className="muted small" data-testid="terms-revision">
              {t('ops.terms.revision', {
                revision: data.terms.revision,
                date: formatDate(data.terms.effectiveOn),
              })}
            </p>
            <dl className="details">
              <div className="details-row">
                <dt>{t('ops.terms.governingLaw')}</dt>
                <dd data-testid="terms-law">{data.terms.governingLaw[lang]}</dd>
              </div>
              <div className="details-row">
                <dt>{t('ops.terms.contact')}</dt>
                <dd>{data.terms.contact}</dd>
              </div>
            </dl>
            <div className="terms-text" data-testid="terms-text">
              {data.terms.text[lang]}
            </div>
          </article>
        ) : null}
      </div>
    </AppShell>
  );
}
