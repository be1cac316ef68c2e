import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { ImportCounts, ImportDefinition, InspectResponse, PreviewResponse } from '../../../api/entry.js';
import type { CubeView, DimensionDetail } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { treeOrder } from './CubeDetail.js';

const EMPTY: ImportDefinition = {
  columns: {},
  fixed: {},
  value: '',
  maps: {},
  replace: false,
  sliceDimensions: [],
};

/** `4100 = NET_SALES` lines ↔ a code table. */
const mapToText = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .map(([k, v]) => `${k} = ${v}`)
    .join('\n');
const textToMap = (s: string) =>
  Object.fromEntries(
    s
      .split('\n')
      .map((l) => l.split('='))
      .filter((p) => p.length === 2 && (p[0] ?? '').trim() && (p[1] ?? '').trim())
      .map((p) => [(p[0] ?? '').trim(), (p[1] ?? '').trim()]),
  );

/** Actuals import of a cube: file → column mapping (saved per cube) → preview with per-row errors → apply. */
export function ActualsImportPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const base = `${apiBase}/model/cubes/${encodeURIComponent(id)}`;
  usePageTitle(t('actuals.title'));
  const cube = useLoad(() => api.get<CubeView>(base), [base], unauthorized);
  const dimIds = cube.data?.dimensions.map((d) => d.id).join(',') ?? '';
  const dims = useLoad(
    async () =>
      dimIds === ''
        ? []
        : Promise.all(
            dimIds
              .split(',')
              .map((d) => api.get<DimensionDetail>(`${apiBase}/model/dimensions/${encodeURIComponent(d)}`)),
          ),
    [apiBase, dimIds],
    unauthorized,
  );
  const saved = useLoad(
    () => api.get<{ definition: ImportDefinition | null }>(`${base}/actuals/definition`),
    [base],
    unauthorized,
  );
  const [def, setDef] = useState<ImportDefinition>(EMPTY);
  const [maps, setMaps] = useState<Record<string, string>>({});
  useEffect(() => {
    const d = saved.data?.definition;
    if (!d) return;
    setDef(d);
    setMaps(Object.fromEntries(Object.entries(d.maps).map(([k, m]) => [k, mapToText(m)])));
  }, [saved.data]);
  const [file, setFile] = useState<File>();
  const [inspect, setInspect] = useState<InspectResponse>();
  const [preview, setPreview] = useState<PreviewResponse>();
  const [applied, setApplied] = useState<{ counts: ImportCounts; changed: number }>();
  const submit = useSubmit(unauthorized);

  if (cube.error) return <ErrorAlert error={cube.error} />;
  if (!cube.data || !dims.data || !saved.data) return <Loading />;
  const headers = inspect?.headers ?? [
    ...new Set([...Object.values(def.columns), def.value].filter(Boolean)),
  ];
  const definition = (): ImportDefinition => ({
    ...def,
    maps: Object.fromEntries(
      Object.entries(maps)
        .map(([k, v]) => [k, textToMap(v)] as const)
        .filter(([k, m]) => Object.keys(m).length > 0 && def.columns[k] !== undefined),
    ),
  });
  const setMode = (dim: string, column: string | undefined, fixed: string | undefined) => {
    const columns = { ...def.columns };
    const fixedMap = { ...def.fixed };
    delete columns[dim];
    delete fixedMap[dim];
    if (column) columns[dim] = column;
    if (fixed) fixedMap[dim] = fixed;
    setDef({ ...def, columns, fixed: fixedMap });
    setPreview(undefined);
  };
  const chooseFile = async (f: File | undefined) => {
    setFile(f);
    setPreview(undefined);
    setApplied(undefined);
    setInspect(f ? await api.upload<InspectResponse>(`${base}/actuals/inspect`, f) : undefined);
  };
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/cubes/${encodeURIComponent(id)}`}>{t('actuals.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('actuals.title')}: {cube.data.object.name[lang]}{' '}
            <HelpLink page="actuals-import" topic={t('actuals.title')} />
          </h1>
          <p className="page-lead">{t('actuals.lead')}</p>
        </div>
      </div>
      <section className="card card-padded">
        <label htmlFor="actuals-file">{t('actuals.file')}</label>{' '}
        <input
          id="actuals-file"
          data-testid="actuals-file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          onChange={(e) => void chooseFile(e.target.files?.[0]).catch(() => setInspect(undefined))}
        />
        {inspect && (
          <p className="muted" data-testid="actuals-file-info">
            {t('actuals.fileRows', {
              n: inspect.rows.toLocaleString(lang),
              columns: inspect.headers.join(', '),
            })}
          </p>
        )}
      </section>
      <section className="card card-padded" aria-labelledby="mapping-title">
        <h2 id="mapping-title" className="section-title">
          {t('actuals.mapping')}
        </h2>
        <p className="muted">{t('actuals.mappingLead')}</p>
        {dims.data.map((d) => {
          const code = d.object.code;
          const items = treeOrder(d).filter((e) => e.leaf);
          const names = new Map(d.elements.map((e) => [e.code, e.name[lang]]));
          return (
            <div key={d.object.id} className="form-row">
              <strong>{d.object.name[lang]}</strong>
              <label>
                {t('actuals.fromColumn')}{' '}
                <select
                  data-testid={`map-column-${code}`}
                  value={def.columns[code] ?? ''}
                  onChange={(e) => setMode(code, e.target.value || undefined, undefined)}
                >
                  <option value="">{t('actuals.none')}</option>
                  {headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('actuals.fixed')}{' '}
                <select
                  data-testid={`map-fixed-${code}`}
                  value={def.fixed[code] ?? ''}
                  onChange={(e) => setMode(code, undefined, e.target.value || undefined)}
                >
                  <option value="">{t('actuals.none')}</option>
                  {items.map((e) => (
                    <option key={e.code} value={e.code}>
                      {names.get(e.code) ?? e.code}
                    </option>
                  ))}
                </select>
              </label>
              {def.columns[code] !== undefined && (
                <label>
                  {t('actuals.codeMap', { dimension: d.object.name[lang] })}
                  <textarea
                    data-testid={`map-codes-${code}`}
                    rows={2}
                    placeholder={t('actuals.codeMapHint')}
                    value={maps[code] ?? ''}
                    onChange={(e) => setMaps({ ...maps, [code]: e.target.value })}
                  />
                </label>
              )}
            </div>
          );
        })}
        <div className="form-row">
          <label>
            {t('actuals.valueColumn')}{' '}
            <select
              data-testid="map-value"
              value={def.value}
              onChange={(e) => setDef({ ...def, value: e.target.value })}
            >
              <option value="">{t('actuals.none')}</option>
              {headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
          <label>
            <input
              type="checkbox"
              data-testid="map-replace"
              checked={def.replace}
              onChange={(e) => setDef({ ...def, replace: e.target.checked })}
            />{' '}
            {t('actuals.replace')}
          </label>
          {def.replace &&
            Object.keys(def.columns).map((c) => (
              <label key={c}>
                <input
                  type="checkbox"
                  checked={def.sliceDimensions.includes(c)}
                  onChange={(e) =>
                    setDef({
                      ...def,
                      sliceDimensions: e.target.checked
                        ? [...def.sliceDimensions, c]
                        : def.sliceDimensions.filter((x) => x !== c),
                    })
                  }
                />{' '}
                {t('actuals.sliceBy')} {c}
              </label>
            ))}
        </div>
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <form
          className="form-actions"
          onSubmit={submit.handle(async () => {
            setApplied(undefined);
            await api.put(`${base}/actuals/definition`, definition());
            setPreview(file ? await api.upload<PreviewResponse>(`${base}/actuals/preview`, file) : undefined);
          })}
        >
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="actuals-preview"
          >
            {file ? t('actuals.preview') : t('actuals.save')}
          </button>
        </form>
      </section>
      {preview && (
        <PreviewTable
          preview={preview}
          busy={submit.busy}
          onApply={submit.handle(async () => {
            if (!file) return;
            setApplied(
              await api.upload<{ counts: ImportCounts; changed: number }>(`${base}/actuals/import`, file),
            );
            setPreview(undefined);
          })}
        />
      )}
      {applied && (
        <Alert tone="success">
          <span data-testid="actuals-applied">
            {t('actuals.applied', {
              cells: applied.counts.cells.toLocaleString(lang),
              changed: applied.changed,
            })}
          </span>{' '}
          <Link to={`/t/${slug}/admin/model/cubes/${encodeURIComponent(id)}`}>{t('actuals.back')}</Link>
        </Alert>
      )}
    </div>
  );
}

function PreviewTable({
  preview,
  busy,
  onApply,
}: {
  preview: PreviewResponse;
  busy: boolean;
  onApply: (e: React.FormEvent) => void;
}) {
  const { t, lang } = useI18n();
  const c = preview.counts;
  const dimsOf = Object.keys(preview.rows[0]?.coords ?? {});
  const ok = c.errors === 0 && preview.problems.length === 0;
  return (
    <section className="card card-padded" aria-labelledby="preview-title">
      <h2 id="preview-title" className="section-title">
        {t('actuals.preview')}
      </h2>
      <p data-testid="actuals-counts">
        {t('actuals.counts', {
          rows: c.rows.toLocaleString(lang),
          valid: c.valid.toLocaleString(lang),
          errors: c.errors.toLocaleString(lang),
          cells: c.cells.toLocaleString(lang),
          summed: c.summed.toLocaleString(lang),
          total: c.total.toLocaleString(lang),
        })}
      </p>
      {preview.problems.map((p) => (
        <Alert key={p.code} tone="error">
          {p.message}
        </Alert>
      ))}
      <div className="table-wrap">
        <table className="table" data-testid="actuals-preview-table">
          <thead>
            <tr>
              <th scope="col">{t('actuals.line')}</th>
              {dimsOf.map((d) => (
                <th key={d} scope="col">
                  {d}
                </th>
              ))}
              <th scope="col" className="num">
                {t('actuals.value')}
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.line} data-testid={r.errors.length ? 'preview-error-row' : 'preview-row'}>
                <td>{r.line}</td>
                {dimsOf.map((d) => (
                  <td key={d}>{r.coords[d]}</td>
                ))}
                <td className="num">{r.value === null ? '—' : r.value.toLocaleString(lang)}</td>
                <td>
                  {r.errors.map((e) => e.message).join(' ')}
                  {r.summed ? ` (${t('actuals.summed')})` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {ok ? (
        <form className="form-actions" onSubmit={onApply}>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="actuals-apply">
            {t('actuals.apply', { n: c.valid.toLocaleString(lang) })}
          </button>
        </form>
      ) : (
        <p>{t('actuals.errorsFirst')}</p>
      )}
    </section>
  );
}
