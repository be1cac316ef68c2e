import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { ModelObjectView } from '../../../api/model.js';
import {
  downloadExport,
  uploadPackage,
  type InstallResult,
  type PackageList,
  type PackagePreview,
} from '../../../api/packages.js';
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
import { PreviewTable } from './PackagePreview.js';

/**
 * Model packages of the organisation (org admins): the provider's offers (install, update),
 * installed packages with their objects, import of a file (preview → apply) and export.
 */
export function PackagesPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('packages.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const list = useLoad(() => api.get<PackageList>(`${apiBase}/model/packages`), [apiBase], unauthorized);
  const [preview, setPreview] = useState<PackagePreview>();
  const [notice, setNotice] = useState<string>();
  const [generation, setGeneration] = useState(0);
  const open = useSubmit(unauthorized);
  const applying = useSubmit(unauthorized);

  const onPreviewOffer = (id: string) =>
    open.handle(async () => {
      setNotice(undefined);
      setPreview(await api.post<PackagePreview>(`${apiBase}/model/packages/available/${id}/preview`));
    });
  const onApply = applying.handle(async () => {
    if (!preview) return;
    const done = await api.post<InstallResult>(`${apiBase}/model/packages/apply`, { token: preview.token });
    setNotice(t('packages.preview.applied', { name: preview.manifest.name[lang], version: done.version }));
    setPreview(undefined);
    setGeneration((g) => g + 1);
    list.reload();
  });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('packages.title')} <HelpLink page="model-packages" topic={t('packages.title')} />
          </h1>
          <p className="page-lead">{t('packages.lead')}</p>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {open.error !== undefined && <ErrorAlert error={open.error} />}
      {preview && (
        <PreviewTable
          preview={preview}
          submit={applying}
          onApply={onApply}
          onCancel={() => setPreview(undefined)}
        />
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        list.data && (
          <>
            <Offers list={list.data} busy={open.busy} onPreview={(id, e) => onPreviewOffer(id)(e)} />
            <Installed list={list.data} />
          </>
        )
      )}
      <ImportForm
        onPreview={(p) => {
          setNotice(undefined);
          setPreview(p);
        }}
      />
      <ExportForm generation={generation} />
    </div>
  );
}

function Offers({
  list,
  busy,
  onPreview,
}: {
  list: PackageList;
  busy: boolean;
  onPreview: (id: string, e: React.MouseEvent) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="card card-padded" aria-labelledby="offers-title">
      <h2 id="offers-title" className="section-title">
        {t('packages.available.title')}
      </h2>
      {list.available.length === 0 ? (
        <p className="muted">{t('packages.available.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="offers-table">
            <thead>
              <tr>
                <th scope="col">{t('packages.col.name')}</th>
                <th scope="col">{t('packages.col.version')}</th>
                <th scope="col">{t('packages.col.state')}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.available.map((a) => (
                <tr key={a.id} data-testid={`offer-${a.code}`}>
                  <td>
                    {a.name[lang]}
                    <div className="muted small">{a.description}</div>
                  </td>
                  <td>{a.version}</td>
                  <td>
                    <span
                      className={`badge ${a.state === 'update_available' ? 'badge-amber' : a.state === 'installed' ? 'badge-green' : 'badge-gray'}`}
                      data-testid="offer-state"
                    >
                      {t(`packages.available.state.${a.state}`, {
                        from: a.installedVersion ?? '',
                        to: a.version,
                      })}
                    </span>
                  </td>
                  <td>
                    {a.state !== 'installed' && (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={busy}
                        onClick={(e) => onPreview(a.id, e)}
                        data-testid={`offer-preview-${a.code}`}
                      >
                        {a.state === 'update_available'
                          ? t('packages.available.update')
                          : t('packages.available.install')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Installed({ list }: { list: PackageList }) {
  const { t, lang } = useI18n();
  return (
    <section className="card card-padded" aria-labelledby="installed-title">
      <h2 id="installed-title" className="section-title">
        {t('packages.installed.title')}
      </h2>
      {list.installed.length === 0 ? (
        <p className="muted" data-testid="installed-empty">
          {t('packages.installed.empty')}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="installed-table">
            <thead>
              <tr>
                <th scope="col">{t('packages.col.name')}</th>
                <th scope="col">{t('packages.col.version')}</th>
                <th scope="col">{t('packages.installed.objects')}</th>
                <th scope="col" className="hide-narrow">
                  {t('packages.col.installedAt')}
                </th>
              </tr>
            </thead>
            <tbody>
              {list.installed.map((i) => (
                <tr key={i.code} data-testid={`installed-${i.code}`}>
                  <td>
                    {i.name[lang]} <span className="badge">{t(`packages.installed.origin.${i.origin}`)}</span>
                  </td>
                  <td data-testid="installed-version">{i.version}</td>
                  <td className="small">
                    {i.objects.map((o) => (
                      <span
                        key={`${o.kind}:${o.code}`}
                        className="badge badge-gray"
                        data-testid={`object-${o.kind}-${o.code}`}
                      >
                        {t(`packages.kind.${o.kind}`)} {o.code}
                      </span>
                    ))}
                  </td>
                  <td className="hide-narrow">{formatDateTime(i.installedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ImportForm({ onPreview }: { onPreview: (p: PackagePreview) => void }) {
  const { t } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [file, setFile] = useState<File>();
  const onSubmit = submit.handle(async () => {
    if (!file) return;
    onPreview(await uploadPackage<PackagePreview>(`${apiBase}/model/packages/preview`, file));
  });
  return (
    <section className="card card-padded" aria-labelledby="import-title">
      <h2 id="import-title" className="section-title">
        {t('packages.import.title')}
      </h2>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="import-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field name="package-file" label={t('packages.import.file')}>
          {(c) => (
            <input
              {...c}
              type="file"
              accept=".yosanpkg,application/zip"
              onChange={(e) => setFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={!file || submit.busy}
            data-testid="import-preview"
          >
            {submit.busy ? t('packages.import.checking') : t('packages.import.check')}
          </button>
        </div>
      </form>
    </section>
  );
}

function ExportForm({ generation }: { generation: number }) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const objects = useLoad(
    () => api.get<{ items: ModelObjectView[] }>(`${apiBase}/model/objects`),
    [apiBase, generation],
    unauthorized,
  );
  const submit = useSubmit(unauthorized);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [withFigures, setWithFigures] = useState(true);
  const [v, setV] = useState({ code: 'my-model', version: '1.0.0', nameJa: '', nameEn: '' });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const onSubmit = submit.handle(async () => {
    await downloadExport(apiBase, {
      code: v.code.trim(),
      version: v.version.trim(),
      nameJa: v.nameJa.trim() || v.code.trim(),
      nameEn: v.nameEn.trim() || v.code.trim(),
      description: '',
      objectIds: [...chosen],
      withFigures,
    });
  });
  const items = objects.data?.items ?? [];
  return (
    <section className="card card-padded" aria-labelledby="export-title">
      <h2 id="export-title" className="section-title">
        {t('packages.export.title')}
      </h2>
      <p className="muted">{t('packages.export.lead')}</p>
      {items.length === 0 ? (
        <p className="muted">{t('packages.export.none')}</p>
      ) : (
        <form className="form" onSubmit={onSubmit} noValidate data-testid="export-form">
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          <fieldset className="checklist">
            <legend className="field-label">{t('packages.export.objects')}</legend>
            <div className="checklist-items">
              {items.map((o) => (
                <label key={o.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(o.id)}
                    onChange={() => toggle(o.id)}
                    data-testid={`export-pick-${o.kind}-${o.code}`}
                  />
                  <span>
                    {t(`packages.kind.${o.kind}`)}: {o.name[lang]} (<code>{o.code}</code>)
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <label className="check">
            <input
              type="checkbox"
              checked={withFigures}
              onChange={(e) => setWithFigures(e.target.checked)}
              data-testid="export-with-figures"
            />
            <span>{t('packages.export.withFigures')}</span>
          </label>
          <div className="form-row">
            <Field name="pkg-code" label={t('packages.export.code')} error={submit.fieldErrors['code']}>
              {(c) => <input {...c} value={v.code} onChange={set('code')} />}
            </Field>
            <Field
              name="pkg-version"
              label={t('packages.export.version')}
              error={submit.fieldErrors['version']}
            >
              {(c) => <input {...c} value={v.version} onChange={set('version')} />}
            </Field>
          </div>
          <div className="form-row">
            <Field name="pkg-nameJa" label={t('packages.export.nameJa')}>
              {(c) => <input {...c} value={v.nameJa} onChange={set('nameJa')} lang="ja" />}
            </Field>
            <Field name="pkg-nameEn" label={t('packages.export.nameEn')}>
              {(c) => <input {...c} value={v.nameEn} onChange={set('nameEn')} lang="en" />}
            </Field>
          </div>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={chosen.size === 0 || submit.busy}
              data-testid="export-submit"
            >
              {submit.busy ? t('packages.export.exporting') : t('packages.export.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
