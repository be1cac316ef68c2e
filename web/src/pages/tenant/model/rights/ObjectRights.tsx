import { Link, useParams } from 'react-router';
import { api } from '../../../../api/client.js';
import type { ObjectRightsView } from '../../../../api/model.js';
import { ErrorAlert } from '../../../../components/Alert.js';
import { HelpLink } from '../../../../components/HelpLink.js';
import { Loading } from '../../../../components/Loading.js';
import { useI18n } from '../../../../i18n/index.js';
import { useTenantSession } from '../../../../layout/TenantLayout.js';
import { useLoad } from '../../../../lib/useLoad.js';
import { usePageTitle } from '../../../../lib/usePageTitle.js';
import { ObjectRightsEditor } from './ObjectRightsEditor.js';

/** Which groups read or write one cube, form or portal. */
export function ObjectRightsPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const head = useLoad(
    () => api.get<ObjectRightsView>(`${apiBase}/model/rights/objects/${encodeURIComponent(id)}`),
    [apiBase, id],
    unauthorized,
  );
  const o = head.data?.object;
  usePageTitle(o ? t('rights.objectTitle', { name: o.name[lang] }) : t('rights.title'));
  if (head.loading && !o) return <Loading />;
  if (!o) return <ErrorAlert error={head.error} />;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/rights`}>{t('rights.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="object-rights-title">
            {t('rights.objectTitle', { name: o.name[lang] })}{' '}
            <HelpLink page="model-rights" topic={t('rights.title')} />
          </h1>
          <p className="page-lead">
            {t(`rights.kinds.${o.kind as 'cube' | 'form' | 'portal'}`)} · <code>{o.code}</code>
          </p>
        </div>
      </div>
      <section className="card card-padded">
        <p className="muted">{t('rights.objectLead')}</p>
        <ObjectRightsEditor objectId={o.id} />
      </section>
    </div>
  );
}
