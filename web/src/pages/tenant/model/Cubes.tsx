import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { CubeView, DimensionSummary } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Cubes of the planning model: list (dimensions, size, last change) and create over chosen dimensions. */
export function CubesPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('cubes.title'));
  const { slug, apiBase, unauthorized } = useTenantSession();
  const list = useLoad(
    () => api.get<{ items: CubeView[] }>(`${apiBase}/model/cubes`),
    [apiBase],
    unauthorized,
  );
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('cubes.title')} <HelpLink page="model-cubes" topic={t('cubes.title')} />
          </h1>
          <p className="page-lead">{t('cubes.lead')}</p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            aria-expanded={creating}
            onClick={() => setCreating((v) => !v)}
            data-testid="cube-create"
          >
            {t('cubes.create')}
          </button>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {creating && (
        <CreateCube
          onCreated={(c) => {
            setCreating(false);
            setNotice(t('cubes.created', { name: c.object.name[lang] }));
            list.reload();
          }}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data?.items.length === 0 ? (
        <div className="card empty" data-testid="cubes-empty">
          <p>{t('cubes.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="cubes-table">
            <caption className="visually-hidden">{t('cubes.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.dimensions.colName')}</th>
                <th scope="col">{t('cubes.dimensions')}</th>
                <th scope="col" className="num">
                  {t('cubes.size')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('model.dimensions.colUpdated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((c) => (
                <tr key={c.object.id} data-testid={`cube-row-${c.object.code}`}>
                  <td>
                    <Link to={`/t/${slug}/admin/model/cubes/${encodeURIComponent(c.object.id)}`}>
                      {c.object.name[lang]}
                    </Link>{' '}
                    <span className="badge">{t(`model.dimensions.origin.${c.object.origin}`)}</span>
                  </td>
                  <td>{c.dimensions.map((d) => d.name[lang]).join(' × ')}</td>
                  <td className="num" data-testid={`cube-size-${c.object.code}`}>
                    {c.size.toLocaleString(lang)}
                  </td>
                  <td className="hide-narrow">{formatDateTime(c.lastChange)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function CreateCube({ onCreated }: { onCreated: (c: CubeView) => void }) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const dims = useLoad(
    () => api.get<{ items: DimensionSummary[] }>(`${apiBase}/model/dimensions`),
    [apiBase],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [v, setV] = useState({ code: '', nameJa: '', nameEn: '', category: '' });
  const [chosen, setChosen] = useState<string[]>([]);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const toggle = (id: string) => setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]));
  const onSubmit = submit.handle(async () => {
    onCreated(
      await api.post<CubeView>(`${apiBase}/model/cubes`, {
        ...v,
        code: v.code.trim(),
        dimensionIds: chosen,
      }),
    );
  });
  return (
    <section className="card card-padded" aria-labelledby="cube-create-title">
      <h2 id="cube-create-title" className="section-title">
        {t('cubes.create')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="cube-create-form">
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
        <fieldset className="fieldset">
          <legend>{t('cubes.chooseDimensions')}</legend>
          {dims.error !== undefined && <ErrorAlert error={dims.error} />}
          {dims.data?.items.map((d) => (
            <label key={d.object.id} className="check check-block">
              <input
                type="checkbox"
                checked={chosen.includes(d.object.id)}
                onChange={() => toggle(d.object.id)}
                data-testid={`cube-dim-${d.object.code}`}
              />{' '}
              {d.object.name[lang]} <code>{d.object.code}</code>
              {chosen.includes(d.object.id) && (
                <span className="badge">{chosen.indexOf(d.object.id) + 1}</span>
              )}
            </label>
          ))}
          {submit.fieldErrors['dimensionIds'] && (
            <p className="field-error">{submit.fieldErrors['dimensionIds']}</p>
          )}
        </fieldset>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="cube-create-submit"
          >
            {submit.busy ? t('common.saving') : t('cubes.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
