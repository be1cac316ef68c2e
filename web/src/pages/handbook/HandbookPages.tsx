import { Navigate, useParams } from 'react-router';
import { useI18n, isLanguage } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { LAST_TENANT_KEY, useTenantSession } from '../../layout/TenantLayout.js';
import { HandbookView } from './HandbookView.js';

/** `/t/:slug/handbook/:lang/:page`: the Handbook for a signed-in user of the organisation. */
export function TenantHandbookPage() {
  const { slug, apiBase, unauthorized } = useTenantSession();
  return (
    <HandbookView
      apiBase={`${apiBase}/handbook`}
      spaBase={`/t/${slug}/handbook`}
      onUnauthorized={unauthorized}
    />
  );
}

/** `/operator/handbook/:lang/:page`: every page, for operators. */
export function OperatorHandbookPage() {
  const { unauthorized } = useOperatorSession();
  return (
    <HandbookView
      apiBase="/api/operator/handbook"
      spaBase="/operator/handbook"
      onUnauthorized={unauthorized}
    />
  );
}

/** `/handbook/:lang/:page` (no organisation in the link): opens it in the organisation last used here. */
export function HandbookRedirectPage() {
  const { t, lang: uiLang } = useI18n();
  const { lang, page } = useParams();
  let slug: string | null = null;
  try {
    slug = localStorage.getItem(LAST_TENANT_KEY);
  } catch {
    slug = null;
  }
  const l = isLanguage(lang) ? lang : uiLang;
  if (slug)
    return <Navigate to={`/t/${encodeURIComponent(slug)}/handbook/${l}${page ? `/${page}` : ''}`} replace />;
  return (
    <div className="page page-narrow">
      <h1 className="page-title">{t('ops.handbook.title')}</h1>
      <p className="page-lead">{t('ops.handbook.noTenant')}</p>
    </div>
  );
}
