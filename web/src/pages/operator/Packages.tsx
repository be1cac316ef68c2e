import { useState } from 'react';
import { api } from '../../api/client.js';
import { uploadPackage, type ProviderPackage } from '../../api/packages.js';
import type { Tenant } from '../../api/types.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { HelpLink } from '../../components/HelpLink.js';
import { Loading } from '../../components/Loading.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';
import { useSubmit } from '../../lib/useSubmit.js';

/** Operators upload model packages and distribute them to chosen organisations (operators' log). */
export function OperatorPackagesPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('operatorPackages.title'));
  const { unauthorized } = useOperatorSession();
  const list = useLoad(
    () => api.get<{ items: ProviderPackage[] }>('/api/operator/packages'),
    [],
    unauthorized,
  );
  const tenants = useLoad(() => api.get<{ items: Tenant[] }>('/api/operator/tenants'), [], unauthorized);
  const upload = useSubmit(unauthorized);
  const distribute = useSubmit(unauthorized);
  const [file, setFile] = useState<File>();
  const [notice, setNotice] = useState<string>();
  const [target, setTarget] = useState<ProviderPackage>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());

  const onUpload = upload.handle(async () => {
    if (!file) return;
    const res = await uploadPackage<{ package: ProviderPackage }>('/api/operator/packages', file);
    setNotice(t('operatorPackages.uploaded', { code: res.package.code, version: res.package.version }));
    list.reload();
  });
  const onDistribute = distribute.handle(async () => {
    if (!target) return;
    await api.post(`/api/operator/packages/${target.id}/distribute`, { tenantIds: [...chosen] });
    setNotice(t('operatorPackages.distributed', { code: target.code, version: target.version }));
    setTarget(undefined);
    list.reload();
  });
  const slugOf = (id: string) => tenants.data?.items.find((x) => x.id === id)?.slug ?? id;

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('operatorPackages.title')}{' '}
            <HelpLink page="operator-packages" topic={t('operatorPackages.title')} />
          </h1>
          <p className="page-lead">{t('operatorPackages.lead')}</p>
        </div>
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      <form className="card card-padded form" onSubmit={onUpload} noValidate data-testid="upload-form">
        <h2 className="section-title">{t('operatorPackages.upload')}</h2>
        {upload.error !== undefined && <ErrorAlert error={upload.error} />}
        <Field name="package-file" label={t('operatorPackages.uploadFile')}>
          {(c) => (
            <input {...c} type="file" accept=".yosanpkg" onChange={(e) => setFile(e.target.files?.[0])} />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-secondary"
            disabled={!file || upload.busy}
            data-testid="upload-submit"
          >
            {t('operatorPackages.uploadSubmit')}
          </button>
        </div>
      </form>
      {target && (
        <form
          className="card card-padded form"
          onSubmit={onDistribute}
          noValidate
          data-testid="distribute-form"
        >
          <h2 className="section-title">
            {t('operatorPackages.distributeTitle', { code: target.code, version: target.version })}
          </h2>
          {distribute.error !== undefined && <ErrorAlert error={distribute.error} />}
          <fieldset className="checklist">
            <legend className="field-label">{t('operatorPackages.distributedTo')}</legend>
            <div className="checklist-items">
              {tenants.data?.items.map((tn) => (
                <label key={tn.id} className="check">
                  <input
                    type="checkbox"
                    checked={chosen.has(tn.id)}
                    onChange={() =>
                      setChosen((s) => {
                        const n = new Set(s);
                        if (n.has(tn.id)) n.delete(tn.id);
                        else n.add(tn.id);
                        return n;
                      })
                    }
                    data-testid={`distribute-pick-${tn.slug}`}
                  />
                  <span>
                    {tn.displayName} (<code>{tn.slug}</code>)
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={chosen.size === 0 || distribute.busy}
              data-testid="distribute-submit"
            >
              {t('operatorPackages.distributeSubmit')}
            </button>
          </div>
        </form>
      )}
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="packages-table">
            <caption className="visually-hidden">{t('operatorPackages.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('packages.col.name')}</th>
                <th scope="col">{t('packages.col.version')}</th>
                <th scope="col">{t('operatorPackages.distributedTo')}</th>
                <th scope="col" className="hide-narrow">
                  {t('operatorPackages.uploadedAt')}
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((p) => (
                <tr key={p.id} data-testid={`package-${p.code}-${p.version}`}>
                  <td>
                    {p.name[lang]} <code>{p.code}</code>
                    <div className="muted small">
                      {t('operatorPackages.objects', { count: p.objectCount })}
                      {p.withFigures ? ` · ${t('operatorPackages.withFigures')}` : ''}
                    </div>
                  </td>
                  <td>{p.version}</td>
                  <td className="small" data-testid="distributed-to">
                    {p.builtin && <div>{t('operatorPackages.builtin')}</div>}
                    {p.tenantIds.length > 0
                      ? p.tenantIds.map(slugOf).join(', ')
                      : !p.builtin && t('operatorPackages.nobody')}
                  </td>
                  <td className="hide-narrow">{formatDateTime(p.uploadedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      onClick={() => {
                        setTarget(p);
                        setChosen(new Set(p.tenantIds));
                      }}
                      data-testid={`distribute-${p.code}-${p.version}`}
                    >
                      {t('operatorPackages.distribute')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
