import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { PortalSummary } from '../../../api/model.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';

/** "My portals" on the tenant home page: links to the portals the user's groups may open. */
export function MyPortals() {
  const { t, lang } = useI18n();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const list = useLoad(
    () => api.get<{ items: PortalSummary[] }>(`${apiBase}/model/portals`),
    [apiBase],
    unauthorized,
  );
  const items = list.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="card card-padded" aria-labelledby="my-portals-title" data-testid="my-portals">
      <h2 id="my-portals-title" className="section-title">
        {t('portals.mine')}
      </h2>
      <ul className="row-list">
        {items.map(({ portal: p }) => (
          <li key={p.id} className="row-item">
            <Link to={`/t/${slug}/portals/${encodeURIComponent(p.id)}`} data-testid={`my-portal-${p.code}`}>
              {p.name[lang]}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
