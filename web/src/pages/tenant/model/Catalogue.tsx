import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { ModelObjectView } from '../../../api/model.js';
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

type Kind = ModelObjectView['kind'];
const KINDS: Kind[] = ['dimension', 'cube', 'form', 'portal'];

/** Where an object's own page is (the catalogue links there). */
export function objectPath(slug: string, o: Pick<ModelObjectView, 'kind' | 'id'>): string {
  const id = encodeURIComponent(o.id);
  const admin = `/t/${slug}/admin/model`;
  switch (o.kind) {
    case 'dimension':
      return `${admin}/dimensions/${id}`;
    case 'cube':
      return `${admin}/cubes/${id}`;
    case 'form':
      return `/t/${slug}/forms/${id}`;
    case 'portal':
      return `/t/${slug}/portals/${id}`;
  }
}

/**
 * The model catalogue (§7): every dimension, cube, form and portal with its names, category,
 * origin (distributed by the provider or the tenant's own) and owner; org admins rename and
 * re-categorise any of them here. Renames of distributed objects survive package updates.
 */
export function CataloguePage() {
  const { t, lang } = useI18n();
  usePageTitle(t('catalogue.title'));
  const { slug, apiBase, unauthorized } = useTenantSession();
  const [kind, setKind] = useState<Kind | ''>('');
  const [category, setCategory] = useState('');
  const [q, setQ] = useState('');
  const query = new URLSearchParams();
  if (kind) query.set('kind', kind);
  if (category) query.set('category', category);
  if (q.trim()) query.set('q', q.trim());
  const qs = query.toString();
  const list = useLoad(
    () =>
      api.get<{ items: ModelObjectView[]; categories: string[] }>(
        `${apiBase}/model/objects${qs ? `?${qs}` : ''}`,
      ),
    [apiBase, qs],
    unauthorized,
  );
  const [editing, setEditing] = useState<string>();
  const [notice, setNotice] = useState<string>();
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('catalogue.title')} <HelpLink page="model-catalogue" topic={t('catalogue.title')} />
          </h1>
          <p className="page-lead">{t('catalogue.lead')}</p>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      <div className="card card-padded">
        <div className="form-row" role="search">
          <Field name="kind" label={t('catalogue.kind')}>
            {(c) => (
              <select
                {...c}
                value={kind}
                onChange={(e) => setKind(e.target.value as Kind | '')}
                data-testid="catalogue-kind"
              >
                <option value="">{t('catalogue.allKinds')}</option>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`catalogue.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="category" label={t('model.fields.category')}>
            {(c) => (
              <select {...c} value={category} onChange={(e) => setCategory(e.target.value)}>
                <option value="">{t('catalogue.allCategories')}</option>
                {(list.data?.categories ?? []).map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="q" label={t('catalogue.search')}>
            {(c) => <input {...c} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
          </Field>
        </div>
      </div>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data?.items.length === 0 ? (
        <div className="card empty" data-testid="catalogue-empty">
          <p>{t('catalogue.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="catalogue-table">
            <caption className="visually-hidden">{t('catalogue.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.dimensions.colName')}</th>
                <th scope="col">{t('catalogue.kind')}</th>
                <th scope="col">{t('model.dimensions.colCode')}</th>
                <th scope="col">{t('model.dimensions.colCategory')}</th>
                <th scope="col" className="hide-narrow">
                  {t('catalogue.owner')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('model.dimensions.colUpdated')}
                </th>
                <th scope="col">
                  <span className="visually-hidden">{t('model.dimension.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((o) => {
                const key = `${o.kind}-${o.code}`;
                return editing === o.id ? (
                  <tr key={o.id}>
                    <td colSpan={7}>
                      <EditObject
                        object={o}
                        categories={list.data?.categories ?? []}
                        onDone={(saved) => {
                          setEditing(undefined);
                          if (saved) {
                            setNotice(t('catalogue.saved', { name: saved.name[lang] }));
                            list.reload();
                          }
                        }}
                      />
                    </td>
                  </tr>
                ) : (
                  <tr key={o.id} data-testid={`catalogue-row-${key}`}>
                    <td>
                      <Link to={objectPath(slug, o)}>{o.name[lang]}</Link>{' '}
                      <span className="badge">{t(`model.dimensions.origin.${o.origin}`)}</span>
                      {o.overridden && o.origin === 'provider' && (
                        <span className="badge" title={o.distributedName[lang]}>
                          {t('catalogue.renamed')}
                        </span>
                      )}
                      {o.description && <div className="muted">{o.description}</div>}
                    </td>
                    <td>{t(`catalogue.kinds.${o.kind}`)}</td>
                    <td>
                      <code>{o.code}</code>
                    </td>
                    <td data-testid={`catalogue-category-${key}`}>{o.category}</td>
                    <td className="hide-narrow">{o.owner?.name ?? '—'}</td>
                    <td className="hide-narrow">{formatDateTime(o.updatedAt)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => setEditing(o.id)}
                        data-testid={`catalogue-edit-${key}`}
                      >
                        {t('model.dimension.edit')}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function EditObject({
  object,
  categories,
  onDone,
}: {
  object: ModelObjectView;
  categories: string[];
  onDone: (saved?: ModelObjectView) => void;
}) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [v, setV] = useState({
    nameJa: object.name.ja,
    nameEn: object.name.en,
    category: object.category,
    description: object.description,
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onSubmit = submit.handle(async () => {
    const r = await api.patch<{ object: ModelObjectView }>(
      `${apiBase}/model/objects/${encodeURIComponent(object.id)}`,
      v,
    );
    onDone(r.object);
  });
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="catalogue-edit-form">
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {object.origin === 'provider' && (
        <p className="muted">{t('model.dimension.distributed', { name: object.distributedName[lang] })}</p>
      )}
      <div className="form-row">
        <Field name="nameJa" label={t('model.fields.nameJa')} error={submit.fieldErrors['nameJa']} required>
          {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" autoFocus />}
        </Field>
        <Field name="nameEn" label={t('model.fields.nameEn')} error={submit.fieldErrors['nameEn']} required>
          {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
        </Field>
      </div>
      <div className="form-row">
        <Field name="category" label={t('model.fields.category')} error={submit.fieldErrors['category']}>
          {(c) => (
            <>
              <input {...c} value={v.category} onChange={set('category')} list="catalogue-categories" />
              <datalist id="catalogue-categories">
                {categories.map((x) => (
                  <option key={x} value={x} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field
          name="description"
          label={t('model.fields.description')}
          error={submit.fieldErrors['description']}
        >
          {(c) => <input {...c} value={v.description} onChange={set('description')} />}
        </Field>
      </div>
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={submit.busy}
          data-testid="catalogue-save"
        >
          {submit.busy ? t('common.saving') : t('model.dimension.save')}
        </button>
        <button type="button" className="button" onClick={() => onDone()}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
