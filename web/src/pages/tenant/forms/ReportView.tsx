import { Suspense, lazy, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client.js';
import type { FormMember, LocalName, OpenForm } from '../../../api/model.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { FixedSelectors } from './FixedSelectors.js';
import { ReportDownloads } from './FormDownloads.js';
import { cellVerdict, chartData, formatReportCell, isRatio, VERDICT_MARKER } from './reportCells.js';
import { VarianceLegend } from './VarianceLegend.js';
import { unitLabel } from '../../../../../src/modules/model/number-format.js';

/** Chart.js is fetched only when a report is opened. */
const ReportChart = lazy(() => import('./ReportChart.js'));

interface Crumb {
  code: string;
  name: LocalName;
}

/**
 * A report (a read-only form): fixed-dimension selectors, the table with variance members, a
 * chart of the ticked rows beside it, and drilling from a total row into its children with a
 * breadcrumb back up. `initial` is the form as first opened (no drill, default choices).
 */
export function ReportView({ url, initial }: { url: string; initial: OpenForm }) {
  const { t, lang } = useI18n();
  const { slug, user, unauthorized } = useTenantSession();
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [path, setPath] = useState<Crumb[]>([]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [kind, setKind] = useState<'bar' | 'line'>('bar');
  const drill = path.at(-1)?.code;
  const changed = Object.keys(choices).length > 0 || drill !== undefined;
  const loaded = useLoad(
    () =>
      changed
        ? api.post<OpenForm>(`${url}/open`, { choices, ...(drill ? { drill: { row: drill } } : {}) })
        : Promise.resolve(initial),
    [url, JSON.stringify(choices), drill],
    unauthorized,
  );
  const form = loaded.data ?? initial;
  const chart = useMemo(() => chartData(form, ticked, lang), [form, ticked, lang]);
  const unit = t(`forms.scale.${form.format.scale}`);
  const dimName = (code: string) => form.dimensionNames[code]?.[lang] ?? code;
  const columnName = (code: string) => form.columns.find((c) => c.code === code)?.name[lang] ?? code;
  const tick = (code: string, on: boolean) =>
    setTicked((s) => {
      const next = new Set(s);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  const value = (r: number, code: string) => form.values[r]?.[form.columns.findIndex((c) => c.code === code)];

  const cellTitle = (r: number, column: FormMember, v: number | null) => {
    if (column.computed)
      return v === null && isRatio(column) && value(r, column.computed.base) === 0
        ? t('reports.baseZero')
        : t('reports.computed', {
            of: columnName(column.computed.of),
            base: columnName(column.computed.base),
          });
    return v === null ? t('forms.view.hidden') : undefined;
  };

  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/forms`}>{t('forms.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="form-title">
            {form.form.name[lang]} <HelpLink page="reports" topic={t('forms.type.report')} />
          </h1>
          <p className="page-lead">
            <span data-testid="unit-label">{unitLabel(form.format, lang)}</span> · {t('reports.lead')}
          </p>
        </div>
        <div className="button-row">
          <ReportDownloads
            formId={form.form.id}
            body={{ choices, lang, ...(drill ? { drill: { row: drill } } : {}) }}
          />
          {user?.isOrgAdmin && (
            <Link
              className="button button-secondary"
              to={`/t/${slug}/admin/model/forms/${encodeURIComponent(form.form.id)}/edit`}
              data-testid="form-edit"
            >
              {t('forms.edit')}
            </Link>
          )}
        </div>
      </div>
      {loaded.error !== undefined && <ErrorAlert error={loaded.error} />}
      <FixedSelectors form={form} onChoose={(d, e) => setChoices({ ...choices, [d]: e })} />
      {path.length > 0 && (
        <nav className="report-path" aria-label={t('reports.path')} data-testid="report-path">
          <button type="button" className="link-button" onClick={() => setPath([])} data-testid="crumb-top">
            {t('reports.top')}
          </button>
          {path.map((c, i) => (
            <span key={c.code}>
              {' › '}
              {i === path.length - 1 ? (
                <strong aria-current="page" data-testid={`crumb-${c.code}`}>
                  {c.name[lang]}
                </strong>
              ) : (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setPath(path.slice(0, i + 1))}
                  data-testid={`crumb-${c.code}`}
                >
                  {c.name[lang]}
                </button>
              )}
            </span>
          ))}
        </nav>
      )}
      <div className="report-layout">
        <div className="card table-wrap" aria-busy={loaded.loading}>
          <table className="table form-grid report-grid" data-testid="form-grid">
            <caption className="visually-hidden">{form.form.name[lang]}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {dimName(form.rowDimension)} \ {dimName(form.columnDimension)}
                </th>
                {form.columns.map((c) => (
                  <th
                    scope="col"
                    key={c.code}
                    className={`num${c.leaf ? '' : ' form-total'}${c.computed ? ' report-computed' : ''}`}
                    data-testid={`col-${c.code}`}
                  >
                    {c.name[lang]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {form.rows.map((r, ri) => (
                <tr key={r.code} data-testid={`form-row-${r.code}`}>
                  <th
                    scope="row"
                    className={r.leaf ? undefined : 'form-total'}
                    style={{ paddingLeft: `calc(var(--space-2) + ${r.depth * 1.25}em)` }}
                  >
                    <span className="report-row-head">
                      {!isRatio(r) && (
                        <input
                          type="checkbox"
                          checked={ticked.has(r.code)}
                          onChange={(e) => tick(r.code, e.target.checked)}
                          aria-label={t('reports.tick', { name: r.name[lang] })}
                          data-testid={`tick-${r.code}`}
                        />
                      )}
                      {!r.leaf && !r.computed && r.code !== drill ? (
                        <button
                          type="button"
                          className="report-drill"
                          onClick={() => setPath([...path, { code: r.code, name: r.name }])}
                          aria-label={t('reports.drill', { name: r.name[lang] })}
                          title={t('reports.drill', { name: r.name[lang] })}
                          data-testid={`drill-${r.code}`}
                        >
                          ▸
                        </button>
                      ) : (
                        <span className="report-drill-space" aria-hidden="true" />
                      )}
                      {r.name[lang]}
                    </span>
                  </th>
                  {form.columns.map((c, ci) => {
                    const v = form.values[ri]?.[ci] ?? null;
                    const computed = r.computed ?? c.computed;
                    const verdict = cellVerdict(v, r, c, form.format);
                    const judged = verdict === 'favourable' || verdict === 'unfavourable';
                    return (
                      <td
                        key={c.code}
                        className={`num form-readonly${r.leaf && c.leaf ? '' : ' form-total'}${
                          computed ? ' report-computed' : ''
                        }${judged ? ` report-${verdict}` : ''}`}
                        data-testid={`cell-${r.code}-${c.code}`}
                        data-verdict={verdict}
                        data-marker={verdict ? VERDICT_MARKER[verdict] : undefined}
                        title={[cellTitle(ri, c, v), judged ? t(`sense.${verdict}`) : undefined]
                          .filter(Boolean)
                          .join(' · ')}
                      >
                        {formatReportCell(v, r, c, form.format, lang)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          <VarianceLegend form={form} />
        </div>
        <section className="card card-padded report-chart" data-testid="report-chart">
          <div className="report-chart-head">
            <h2 className="section-title">{t('reports.chart.title')}</h2>
            <div className="segmented" role="group" aria-label={t('reports.chart.kind')}>
              {(['bar', 'line'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`segment${kind === k ? ' is-active' : ''}`}
                  aria-pressed={kind === k}
                  onClick={() => setKind(k)}
                  data-testid={`chart-${k}`}
                >
                  {t(`reports.chart.${k}`)}
                </button>
              ))}
            </div>
          </div>
          {chart.series.length === 0 ? (
            <p className="report-chart-empty" data-testid="chart-empty">
              {t('reports.chart.empty')}
            </p>
          ) : (
            <>
              <p className="field-hint">{t('reports.chart.unit', { unit })}</p>
              <div className="report-chart-canvas">
                <Suspense fallback={<Loading />}>
                  <ReportChart
                    data={chart}
                    kind={kind}
                    unit={unit}
                    axis={dimName(form.columnDimension)}
                    label={t('reports.chart.label', {
                      rows: chart.series.map((s) => s.name).join(', '),
                      dimension: dimName(form.columnDimension),
                    })}
                    lang={lang}
                    decimals={form.format.decimals}
                  />
                </Suspense>
              </div>
              <ul className="report-legend" data-testid="chart-legend">
                {chart.series.map((s) => (
                  <li key={s.code} data-testid={`legend-${s.code}`}>
                    <span className="report-swatch" style={{ background: s.colour }} aria-hidden="true" />
                    {s.name}
                  </li>
                ))}
              </ul>
            </>
          )}
          {chart.leftOut && <p className="field-hint">{t('reports.chart.noPercent')}</p>}
        </section>
      </div>
    </div>
  );
}
