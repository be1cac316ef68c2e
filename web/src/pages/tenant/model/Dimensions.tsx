import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { DimensionDetail, DimensionSummary } from '../../../api/model.js';
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

/** Dimensions of the planning model: the list (names in the UI language) and a form to create one. */
export function DimensionsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('model.dimensions.title'));
  const { slug, apiBase, unauthorized } = useTenantSession();
  const list = useLoad(
    () => api.get<{ items: DimensionSummary[] }>(`${apiBase}/model/dimensions`),
    [apiBase],
    unauthorized,
  );
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string>();
  const base = `/t/${slug}/admin/model/dimensions`;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('model.dimensions.title')}{' '}
            <HelpLink page="model-dimensions" topic={t('model.dimensions.title')} />
          </h1>
          <p className="page-lead">{t('model.dimensions.lead')}</p>
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            aria-expanded={creating}
            onClick={() => setCreating((v) => !v)}
            data-testid="dimension-create"
          >
            {t('model.dimensions.create')}
          </button>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {creating && (
        <CreateForm
          apiBase={apiBase}
          onCreated={(d) => {
            setCreating(false);
            setNotice(t('model.dimensions.created', { name: d.object.name[lang] }));
            list.reload();
          }}
        />
      )}
      {list.data?.items.length === 0 && (
        <StandardForm
          apiBase={apiBase}
          onCreated={() => {
            setNotice(t('model.dimensions.standardCreated'));
            list.reload();
          }}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data?.items.length === 0 ? (
        <div className="card empty" data-testid="dimensions-empty">
          <p>{t('model.dimensions.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="dimensions-table">
            <caption className="visually-hidden">{t('model.dimensions.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.dimensions.colName')}</th>
                <th scope="col">{t('model.dimensions.colCode')}</th>
                <th scope="col">{t('model.dimensions.colCategory')}</th>
                <th scope="col" className="num">
                  {t('model.dimensions.colElements')}
                </th>
                <th scope="col" className="hide-narrow">
                  {t('model.dimensions.colUpdated')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map(({ object: o, elementCount }) => (
                <tr key={o.id} data-testid={`dimension-row-${o.code}`}>
                  <td>
                    <Link to={`${base}/${encodeURIComponent(o.id)}`}>{o.name[lang]}</Link>{' '}
                    <span className="badge">{t(`model.dimensions.origin.${o.origin}`)}</span>
                  </td>
                  <td>
                    <code>{o.code}</code>
                  </td>
                  <td>{o.category}</td>
                  <td className="num">{elementCount}</td>
                  <td className="hide-narrow">{formatDateTime(o.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function CreateForm({ apiBase, onCreated }: { apiBase: string; onCreated: (d: DimensionDetail) => void }) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [v, setV] = useState({ code: '', nameJa: '', nameEn: '', category: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const onSubmit = submit.handle(async () => {
    onCreated(await api.post<DimensionDetail>(`${apiBase}/model/dimensions`, { ...v, code: v.code.trim() }));
  });
  return (
    <section className="card card-padded" aria-labelledby="dimension-create-title">
      <h2 id="dimension-create-title" className="section-title">
        {t('model.dimensions.create')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="dimension-create-form">
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
            data-testid="dimension-create-submit"
          >
            {submit.busy ? t('common.saving') : t('model.dimensions.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

function StandardForm({ apiBase, onCreated }: { apiBase: string; onCreated: () => void }) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [fiscalYear, setFiscalYear] = useState(String(new Date().getFullYear()));
  const [firstMonth, setFirstMonth] = useState('4');
  const onSubmit = submit.handle(async () => {
    await api.post(`${apiBase}/model/standard-dimensions`, {
      fiscalYear: Number(fiscalYear),
      firstMonth: Number(firstMonth),
    });
    onCreated();
  });
  return (
    <section className="card card-padded" aria-labelledby="standard-title">
      <h2 id="standard-title" className="section-title">
        {t('model.dimensions.standard')}{' '}
        <HelpLink page="model-standard-dimensions" topic={t('model.dimensions.standard')} />
      </h2>
      <p>{t('model.dimensions.standardLead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="standard-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <div className="form-row">
          <Field
            name="fiscalYear"
            label={t('model.dimensions.fiscalYear')}
            error={submit.fieldErrors['fiscalYear']}
          >
            {(c) => (
              <input
                {...c}
                value={fiscalYear}
                inputMode="numeric"
                onChange={(e) => setFiscalYear(e.target.value)}
              />
            )}
          </Field>
          <Field name="firstMonth" label={t('model.dimensions.firstMonth')}>
            {(c) => (
              <select {...c} value={firstMonth} onChange={(e) => setFirstMonth(e.target.value)}>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i} value={String(i + 1)}>
                    {i + 1}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={submit.busy}
            data-testid="standard-submit"
          >
            {t('model.dimensions.standardSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
