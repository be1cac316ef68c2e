import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client.js';
import type { PortalPageView, PortalSummary } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** The portals the user's groups may open (org admins: all, and a form to create one). */
export function PortalsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('portals.title'));
  const { slug, apiBase, user, unauthorized } = useTenantSession();
  const list = useLoad(
    () => api.get<{ items: PortalSummary[] }>(`${apiBase}/model/portals`),
    [apiBase],
    unauthorized,
  );
  const [creating, setCreating] = useState(false);
  const isAdmin = user?.isOrgAdmin === true;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('portals.title')}{' '}
            {isAdmin ? (
              <HelpLink page="model-portals" topic={t('portals.title')} />
            ) : (
              <HelpLink page="model-portals-use" topic={t('portals.title')} />
            )}
          </h1>
          <p className="page-lead">{t('portals.lead')}</p>
        </div>
        {isAdmin && (
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              aria-expanded={creating}
              onClick={() => setCreating((v) => !v)}
              data-testid="portal-create"
            >
              {t('portals.create')}
            </button>
          </div>
        )}
      </div>
      {creating && <CreatePortal />}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data?.items.length === 0 ? (
        <div className="card empty" data-testid="portals-empty">
          <p>{isAdmin ? t('portals.emptyAdmin') : t('portals.empty')}</p>
        </div>
      ) : (
        <div className="landing-grid" data-testid="portals-list">
          {list.data?.items.map(({ portal: p, tileCount }) => (
            <section key={p.id} className="card card-padded" data-testid={`portal-card-${p.code}`}>
              <h2 className="section-title">
                <Link to={`/t/${slug}/portals/${encodeURIComponent(p.id)}`}>{p.name[lang]}</Link>
              </h2>
              {p.description && <p>{p.description}</p>}
              <p className="muted small">
                {t('portals.tileCount', { count: tileCount })} · {p.category || t('common.none')} ·{' '}
                {formatDateTime(p.updatedAt)}
              </p>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

function CreatePortal() {
  const { t } = useI18n();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const navigate = useNavigate();
  const submit = useSubmit(unauthorized);
  const [v, setV] = useState({ code: '', nameJa: '', nameEn: '', category: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onSubmit = submit.handle(async () => {
    const res = await api.post<PortalPageView>(`${apiBase}/model/portals`, { ...v, code: v.code.trim() });
    void navigate(`/t/${slug}/admin/model/portals/${encodeURIComponent(res.portal.id)}`);
  });
  return (
    <section className="card card-padded" aria-labelledby="portal-create-title">
      <h2 id="portal-create-title" className="section-title">
        {t('portals.create')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="portal-create-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field
            name="code"
            label={t('model.fields.code')}
            hint={t('model.fields.codeHint')}
            error={submit.fieldErrors['code']}
            required
          >
            {(c) => <input {...c} value={v.code} onChange={set('code')} autoFocus />}
          </Field>
          <Field name="category" label={t('model.fields.category')} error={submit.fieldErrors['category']}>
            {(c) => <input {...c} value={v.category} onChange={set('category')} />}
          </Field>
        </div>
        <div className="form-row">
          <Field name="nameJa" label={t('model.fields.nameJa')} error={submit.fieldErrors['nameJa']} required>
            {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" />}
          </Field>
          <Field name="nameEn" label={t('model.fields.nameEn')} error={submit.fieldErrors['nameEn']} required>
            {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="portal-create-submit"
          >
            {submit.busy ? t('common.saving') : t('portals.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
