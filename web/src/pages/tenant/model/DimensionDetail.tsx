import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { DimensionDetail, ElementView } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { DeleteElementDialog } from './DeleteElement.js';
import { DimensionImport } from './DimensionImport.js';
import { AddForm, DimensionTree, type Change } from './DimensionTree.js';

/** One dimension: its names and category (org admins rename any object, §7) and its hierarchy editor. */
export function DimensionDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/dimensions/${encodeURIComponent(id)}`;
  const loaded = useLoad(() => api.get<DimensionDetail>(url), [url], unauthorized);
  const [detail, setDetail] = useState<DimensionDetail>();
  const [notice, setNotice] = useState<string>();
  const [deleting, setDeleting] = useState<ElementView>();
  const submit = useSubmit(unauthorized);
  const current = detail ?? loaded.data;
  usePageTitle(current?.object.name[lang] ?? t('model.dimensions.title'));
  if (loaded.loading && !current) return <Loading />;
  if (!current) return <ErrorAlert error={loaded.error} />;
  const apply = async (changes: Change[]) => {
    setNotice(undefined);
    setDetail(await api.post<DimensionDetail>(`${url}/changes`, { changes }));
    setNotice(t('model.dimension.saved'));
  };
  const o = current.object;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/dimensions`}>{t('model.dimension.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="dimension-title">
            {o.name[lang]} <HelpLink page="model-dimensions" topic={t('model.dimensions.title')} />
          </h1>
          <p className="page-lead">
            <code>{o.code}</code> · {o.category} · {t(`model.dimensions.origin.${o.origin}`)}
          </p>
        </div>
        <div className="button-row">
          <a
            className="button button-secondary"
            href={`${url}/export?lang=${lang}`}
            data-testid="dimension-export"
          >
            {t('model.dimension.export')}
          </a>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      <NamesForm
        key={`${o.name.ja}|${o.name.en}|${o.category}`}
        detail={current}
        apiBase={apiBase}
        onSaved={(next) => {
          setDetail({ ...current, object: next });
          setNotice(t('model.dimension.namesSaved'));
        }}
      />
      <section className="card card-padded" aria-labelledby="hierarchy-title">
        <h2 id="hierarchy-title" className="section-title">
          {t('model.dimension.hierarchy')}
        </h2>
        <DimensionTree detail={current} submit={submit} apply={apply} onDelete={setDeleting} />
        <h3 className="section-title">{t('model.dimension.addTop')}</h3>
        <AddForm
          key={current.elements.length}
          parent={null}
          busy={submit.busy}
          onSave={(c) => submit.handle(() => apply(c))}
        />
      </section>
      <DimensionImport
        url={url}
        onUnauthorized={unauthorized}
        onApplied={(next, s) => {
          setDetail(next);
          setNotice(t('dimio.applied', { new: s.new, changed: s.changed }));
        }}
      />
      <DeleteElementDialog
        url={url}
        element={deleting}
        onUnauthorized={unauthorized}
        onCancel={() => setDeleting(undefined)}
        onDeleted={(next, code) => {
          setDeleting(undefined);
          setDetail(next);
          setNotice(t('dimio.deleted', { code }));
        }}
      />
    </div>
  );
}

function NamesForm(props: {
  detail: DimensionDetail;
  apiBase: string;
  onSaved: (o: DimensionDetail['object']) => void;
}) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const o = props.detail.object;
  const [v, setV] = useState({ nameJa: o.name.ja, nameEn: o.name.en, category: o.category });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onSubmit = submit.handle(async () => {
    const res = await api.patch<{ object: DimensionDetail['object'] }>(
      `${props.apiBase}/model/objects/${encodeURIComponent(o.id)}`,
      v,
    );
    props.onSaved(res.object);
  });
  return (
    <section className="card card-padded" aria-labelledby="names-title">
      <h2 id="names-title" className="section-title">
        {t('model.dimension.names')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="names-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field
            name="objNameJa"
            label={t('model.fields.nameJa')}
            error={submit.fieldErrors['nameJa']}
            required
          >
            {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" />}
          </Field>
          <Field
            name="objNameEn"
            label={t('model.fields.nameEn')}
            error={submit.fieldErrors['nameEn']}
            required
          >
            {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
          </Field>
          <Field name="objCategory" label={t('model.fields.category')} error={submit.fieldErrors['category']}>
            {(c) => <input {...c} value={v.category} onChange={set('category')} />}
          </Field>
        </div>
        {o.overridden && (
          <p className="field-hint">
            {t('model.dimension.distributed', { name: `${o.distributedName.ja} / ${o.distributedName.en}` })}
          </p>
        )}
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="names-save"
          >
            {t('model.dimension.saveNames')}
          </button>
        </div>
      </form>
    </section>
  );
}
