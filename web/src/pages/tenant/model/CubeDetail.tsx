import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { CubeView, DimensionDetail } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { CellPanel } from './CellPanel.js';
import { CubeCopy, CubeLocks } from './CubeTools.js';

/** Elements of a dimension in tree order (parents before children) with their depth. */
export function treeOrder(d: DimensionDetail): { code: string; depth: number; leaf: boolean }[] {
  const byCode = new Map(d.elements.map((e) => [e.code, e]));
  const out: { code: string; depth: number; leaf: boolean }[] = [];
  const walk = (code: string, depth: number, path: Set<string>) => {
    const e = byCode.get(code);
    if (!e || path.has(code)) return;
    out.push({ code, depth, leaf: e.leaf });
    const next = new Set(path).add(code);
    for (const c of e.children) walk(c.code, depth + 1, next);
  };
  for (const r of d.roots) walk(r, 0, new Set());
  return out;
}

/** A cube: its dimensions, size and last change, and a read-only slice (rows × columns, others fixed). */
export function CubeDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const cube = useLoad(
    () => api.get<CubeView>(`${apiBase}/model/cubes/${encodeURIComponent(id)}`),
    [apiBase, id],
    unauthorized,
  );
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
  usePageTitle(cube.data?.object.name[lang] ?? t('cubes.title'));
  const [generation, setGeneration] = useState(0);
  if (cube.error) return <ErrorAlert error={cube.error} />;
  if (!cube.data || !dims.data) return <Loading />;
  const c = cube.data;
  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/admin/model/cubes`}>{t('cubes.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {c.object.name[lang]} <HelpLink page="model-cubes" topic={t('cubes.title')} />
          </h1>
          <p className="page-lead">
            <code>{c.object.code}</code> · {c.dimensions.map((d) => d.name[lang]).join(' × ')} ·{' '}
            <span data-testid="cube-size">{t('cubes.sizeIs', { n: c.size.toLocaleString(lang) })}</span> ·{' '}
            {t('cubes.lastChange', { at: formatDateTime(c.lastChange) })}
          </p>
        </div>
        <Link
          className="button button-secondary"
          to={`/t/${slug}/admin/model/cubes/${encodeURIComponent(c.object.id)}/actuals`}
          data-testid="open-actuals"
        >
          {t('actuals.open')}
        </Link>
      </div>
      {dims.error !== undefined && <ErrorAlert error={dims.error} />}
      {dims.data.length >= 2 && <Slice key={generation} cubeId={c.object.id} dims={dims.data} />}
      <CubeCopy
        cubeId={c.object.id}
        dims={dims.data}
        onCopied={() => {
          setGeneration((g) => g + 1);
          cube.reload();
        }}
      />
      <CubeLocks cubeId={c.object.id} dims={dims.data} />
    </div>
  );
}

function Slice({ cubeId, dims }: { cubeId: string; dims: DimensionDetail[] }) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const [rowDim, setRowDim] = useState(0);
  const [colDim, setColDim] = useState(1);
  const orders = useMemo(() => dims.map(treeOrder), [dims]);
  const [fixed, setFixed] = useState<Record<string, string>>({});
  const codeOf = (i: number) => dims[i]?.object.code ?? '';
  const rows = (orders[rowDim] ?? []).slice(0, 200);
  const cols = (orders[colDim] ?? []).slice(0, 40);
  const body = {
    rows: { dimension: codeOf(rowDim), elements: rows.map((r) => r.code) },
    columns: { dimension: codeOf(colDim), elements: cols.map((r) => r.code) },
    fixed: Object.fromEntries(
      dims
        .map((d, i) => [d.object.code, fixed[d.object.code] ?? orders[i]?.[0]?.code ?? ''] as const)
        .filter(([, e], i) => i !== rowDim && i !== colDim && e !== ''),
    ),
  };
  const key = JSON.stringify(body);
  const grid = useLoad(
    () =>
      rows.length === 0 || cols.length === 0 || rowDim === colDim
        ? Promise.resolve(undefined)
        : api.post<{ values: (number | null)[][] }>(
            `${apiBase}/model/cubes/${encodeURIComponent(cubeId)}/grid`,
            body,
          ),
    [apiBase, cubeId, key],
    unauthorized,
  );
  // Cells with comments get a marker (one request for the whole slice).
  const [commentsSeen, setCommentsSeen] = useState(0);
  const notes = useLoad(
    () =>
      rows.length === 0 || cols.length === 0 || rowDim === colDim
        ? Promise.resolve(undefined)
        : api.post<{ items: { coords: Record<string, string> }[] }>(
            `${apiBase}/model/cubes/${encodeURIComponent(cubeId)}/comments/list`,
            { grid: body },
          ),
    [apiBase, cubeId, key, commentsSeen],
    unauthorized,
  );
  const noted = new Set(
    notes.data?.items.map((n) => `${n.coords[codeOf(rowDim)] ?? ''}|${n.coords[codeOf(colDim)] ?? ''}`),
  );
  const nameOf = (i: number, code: string) =>
    dims[i]?.elements.find((e) => e.code === code)?.name[lang] ?? code;
  const [cell, setCell] = useState<{ coords: Record<string, string>; label: string }>();
  const open = (r: string, c: string) =>
    setCell({
      coords: { ...body.fixed, [codeOf(rowDim)]: r, [codeOf(colDim)]: c },
      label: `${nameOf(rowDim, r)} × ${nameOf(colDim, c)}`,
    });
  return (
    <>
      <section className="card card-padded" aria-labelledby="slice-title">
        <h2 id="slice-title" className="section-title">
          {t('cubes.slice')}
        </h2>
        <div className="form-row">
          <Field name="rowDim" label={t('cubes.rows')}>
            {(c) => (
              <select {...c} value={rowDim} onChange={(e) => setRowDim(Number(e.target.value))}>
                {dims.map((d, i) => (
                  <option key={d.object.id} value={i}>
                    {d.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field name="colDim" label={t('cubes.columns')}>
            {(c) => (
              <select {...c} value={colDim} onChange={(e) => setColDim(Number(e.target.value))}>
                {dims.map((d, i) => (
                  <option key={d.object.id} value={i}>
                    {d.object.name[lang]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {dims.map((d, i) =>
            i === rowDim || i === colDim ? null : (
              <Field key={d.object.id} name={`fixed-${d.object.code}`} label={d.object.name[lang]}>
                {(c) => (
                  <select
                    {...c}
                    value={body.fixed[d.object.code] ?? ''}
                    onChange={(e) => setFixed({ ...fixed, [d.object.code]: e.target.value })}
                  >
                    {(orders[i] ?? []).map((e) => (
                      <option key={e.code} value={e.code}>
                        {'\u3000'.repeat(e.depth)}
                        {nameOf(i, e.code)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            ),
          )}
        </div>
        {rowDim === colDim ? (
          <p>{t('cubes.sameAxis')}</p>
        ) : grid.error ? (
          <ErrorAlert error={grid.error} />
        ) : !grid.data ? (
          <Loading />
        ) : (
          <div className="table-wrap">
            <table className="table table-numbers" data-testid="cube-slice">
              <thead>
                <tr>
                  <th scope="col" />
                  {cols.map((c) => (
                    <th key={c.code} scope="col" className="num">
                      {nameOf(colDim, c.code)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r, ri) => (
                  <tr key={r.code} className={r.leaf ? undefined : 'row-total'}>
                    <th scope="row" style={{ paddingInlineStart: `${0.75 + r.depth * 1.25}rem` }}>
                      {nameOf(rowDim, r.code)}
                    </th>
                    {cols.map((c, ci) => {
                      const v = grid.data?.values[ri]?.[ci];
                      return (
                        <td key={c.code} className="num" data-testid={`slice-${r.code}-${c.code}`}>
                          {v === null || v === undefined ? (
                            '—'
                          ) : (
                            <button
                              type="button"
                              className="button button-ghost button-small"
                              onClick={() => open(r.code, c.code)}
                            >
                              {v.toLocaleString(lang)}
                              {noted.has(`${r.code}|${c.code}`) ? (
                                <span title={t('cell.comments')} data-testid="comment-marker">
                                  {' '}
                                  ●
                                </span>
                              ) : null}
                            </button>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {cell ? (
        <CellPanel
          cubeId={cubeId}
          coords={cell.coords}
          label={cell.label}
          onClose={() => {
            setCell(undefined);
            setCommentsSeen((n) => n + 1);
          }}
        />
      ) : null}
    </>
  );
}
