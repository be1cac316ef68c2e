import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { PortalAnnouncement, PortalPageView } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { WorkflowPanel } from '../workflow/WorkflowPanel.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

/** Web path of a form; from a portal it carries the portal (the form page then shows its workflow). */
export const formPath = (slug: string, formId: string, portalId?: string) =>
  `/t/${slug}/forms/${encodeURIComponent(formId)}${portalId ? `?portal=${encodeURIComponent(portalId)}` : ''}`;

/** One portal: its forms as tiles (only those the user may open) and its announcements, newest first. */
export function PortalPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const page = useLoad(
    () => api.get<PortalPageView>(`${apiBase}/model/portals/${encodeURIComponent(id)}`),
    [apiBase, id],
    unauthorized,
  );
  usePageTitle(page.data?.portal.name[lang] ?? t('portals.title'));
  if (page.loading && !page.data) return <Loading />;
  if (!page.data) return <ErrorAlert error={page.error} />;
  const { portal: p, tiles, announcements, canEdit } = page.data;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/portals`}>{t('portals.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="portal-title">
            {p.name[lang]}{' '}
            {canEdit ? (
              <HelpLink page="model-portals" topic={t('portals.title')} />
            ) : (
              <HelpLink page="model-portals-use" topic={t('portals.title')} />
            )}
          </h1>
          {p.description && <p className="page-lead">{p.description}</p>}
        </div>
        {canEdit && (
          <div className="button-row">
            <Link
              className="button button-secondary"
              to={`/t/${slug}/admin/model/portals/${encodeURIComponent(p.id)}`}
              data-testid="portal-edit"
            >
              {t('portals.edit')}
            </Link>
          </div>
        )}
      </div>
      <section aria-labelledby="portal-announcements-title">
        <h2 id="portal-announcements-title" className="section-title">
          {t('portals.announcements')}
        </h2>
        {announcements.length === 0 ? (
          <p className="muted" data-testid="announcements-empty">
            {t('portals.noAnnouncements')}
          </p>
        ) : (
          <ul className="card row-list" data-testid="announcements">
            {announcements.map((a) => (
              <Announcement key={a.id} a={a} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="portal-tiles-title">
        <h2 id="portal-tiles-title" className="section-title">
          {t('portals.forms')}
        </h2>
        {tiles.length === 0 ? (
          <div className="card empty" data-testid="tiles-empty">
            <p>{t('portals.noTiles')}</p>
          </div>
        ) : (
          <div className="landing-grid" data-testid="tiles">
            {tiles.map((tile, i) => (
              <section
                key={`${tile.formId}-${i}`}
                className="card card-padded"
                data-testid={`tile-${tile.code}`}
              >
                <h3 className="section-title">
                  <Link to={formPath(slug, tile.formId, p.id)}>{(tile.title ?? tile.name)[lang]}</Link>
                </h3>
                {tile.title && <p className="muted small">{tile.name[lang]}</p>}
                {tile.note && <p>{tile.note[lang]}</p>}
              </section>
            ))}
          </div>
        )}
      </section>
      <WorkflowPanel portalId={p.id} hideWhenNone />
      {canEdit && (
        <p>
          <Link to={`/t/${slug}/workflow/${encodeURIComponent(p.id)}`} data-testid="portal-workflow-setup">
            {t('workflow.setup')}
          </Link>
        </p>
      )}
    </div>
  );
}

function Announcement({ a }: { a: PortalAnnouncement }) {
  const { lang } = useI18n();
  return (
    <li className="row-item" data-testid={`announcement-${a.id}`}>
      <div>
        <p className="section-title" data-testid="announcement-title">
          {a.title[lang]}
        </p>
        {a.body[lang] && <p style={{ whiteSpace: 'pre-line' }}>{a.body[lang]}</p>}
      </div>
      <span className="muted small nowrap" data-testid="announcement-at">
        {formatDateTime(a.at)}
      </span>
    </li>
  );
}
