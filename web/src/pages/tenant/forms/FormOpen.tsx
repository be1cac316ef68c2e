import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client.js';
import type { OpenForm } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatAmount, parseAmount, toYen } from '../../../lib/formNumbers.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { ReportView } from './ReportView.js';

const key = (row: string, column: string) => `${row}\u0000${column}`;

/**
 * A form opened by a user: fixed-dimension selectors, a plain table with indented row headers,
 * input cells as text boxes (commas and full-width digits accepted), everything else read-only.
 * Save writes the changed cells (all or nothing) and reloads, so totals are fresh.
 */
export function FormOpenPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { slug, apiBase, user, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/forms/${encodeURIComponent(id)}`;
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  const loaded = useLoad(() => api.post<OpenForm>(`${url}/open`, { choices }), [url, choices], unauthorized);
  const submit = useSubmit(unauthorized);
  const form = loaded.data;
  usePageTitle(form?.form.name[lang] ?? t('forms.title'));
  if (loaded.loading && !form) return <Loading />;
  if (!form)
    return (
      <div className="page">
        <p>
          <Link to={`/t/${slug}/forms`}>{t('forms.back')}</Link>
        </p>
        <ErrorAlert error={loaded.error} />
        {user?.isOrgAdmin && (
          <p>
            <Link to={`/t/${slug}/admin/model/forms/${encodeURIComponent(id)}/edit`} data-testid="form-edit">
              {t('forms.edit')}
            </Link>
          </p>
        )}
      </div>
    );

  if (form.type === 'report') return <ReportView url={url} initial={form} />;

  const dimName = (code: string) => form.dimensionNames[code]?.[lang] ?? code;
  const fmt = (v: number) => formatAmount(v, form.format, lang);
  const changed = Object.entries(edits);
  const invalid = new Set(changed.filter(([, v]) => parseAmount(v) === undefined).map(([k]) => k));
  const onSave = submit.handle(async () => {
    setNotice(undefined);
    if (invalid.size) return;
    const cells = changed.map(([k, v]) => {
      const [row = '', column = ''] = k.split('\u0000');
      return { row, column, value: toYen(parseAmount(v) ?? 0, form.format) };
    });
    const res = await api.post<{ changed: number }>(`${url}/cells`, { choices, cells });
    setEdits({});
    setNotice(t('forms.view.saved', { count: res.changed }));
    loaded.reload();
  });
  const choose = (dimension: string, element: string) => {
    setEdits({});
    setNotice(undefined);
    setChoices({ ...choices, [dimension]: element });
  };
  const hasInput = form.input.some((r) => r.some(Boolean));
  const unit = t(`forms.scale.${form.format.scale}`);

  return (
    <div className="page">
      <p>
        <Link to={`/t/${slug}/forms`}>{t('forms.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <h1 className="page-title" data-testid="form-title">
            {form.form.name[lang]} <HelpLink page="model-forms" topic={t('forms.title')} />
          </h1>
          <p className="page-lead">
            {t(`forms.type.${form.type}`)} · {t('forms.view.unit', { unit })}
          </p>
        </div>
        {user?.isOrgAdmin && (
          <div className="button-row">
            <Link
              className="button button-secondary"
              to={`/t/${slug}/admin/model/forms/${encodeURIComponent(id)}/edit`}
              data-testid="form-edit"
            >
              {t('forms.edit')}
            </Link>
          </div>
        )}
      </div>
      {notice && <Alert tone="success" title={notice} testId="notice" />}
      {loaded.error !== undefined && <ErrorAlert error={loaded.error} />}
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      {form.fixed.length > 0 && (
        <div className="card card-padded form-fixed" data-testid="form-fixed">
          {form.fixed.map((f) => (
            <div className="field" key={f.dimension} data-testid={`fixed-${f.dimension}`}>
              <label className="field-label" htmlFor={`fixed-${f.dimension}`}>
                {dimName(f.dimension)}
              </label>
              {f.choices ? (
                <select
                  id={`fixed-${f.dimension}`}
                  value={f.element}
                  onChange={(e) => choose(f.dimension, e.target.value)}
                >
                  {f.choices.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name[lang]}
                    </option>
                  ))}
                </select>
              ) : (
                <span id={`fixed-${f.dimension}`}>{f.name[lang]}</span>
              )}
            </div>
          ))}
        </div>
      )}
      <form onSubmit={onSave} noValidate>
        <div className="card table-wrap">
          <table className="table form-grid" data-testid="form-grid">
            <caption className="visually-hidden">{form.form.name[lang]}</caption>
            <thead>
              <tr>
                <th scope="col">
                  {dimName(form.rowDimension)} \ {dimName(form.columnDimension)}
                </th>
                {form.columns.map((c) => (
                  <th scope="col" key={c.code} className={c.leaf ? 'num' : 'num form-total'}>
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
                    style={{ paddingLeft: `calc(var(--space-4) + ${r.depth * 1.25}em)` }}
                  >
                    {r.name[lang]}
                  </th>
                  {form.columns.map((c, ci) => {
                    const v = form.values[ri]?.[ci] ?? null;
                    const k = key(r.code, c.code);
                    const testId = `cell-${r.code}-${c.code}`;
                    if (form.input[ri]?.[ci]) {
                      const text = edits[k] ?? (v === null ? '' : fmt(v));
                      return (
                        <td key={c.code} className="num form-input">
                          <input
                            type="text"
                            inputMode="decimal"
                            value={text}
                            aria-label={`${r.name[lang]} / ${c.name[lang]}`}
                            aria-invalid={invalid.has(k) || undefined}
                            className={edits[k] !== undefined ? 'form-changed' : undefined}
                            onChange={(e) => setEdits({ ...edits, [k]: e.target.value })}
                            data-testid={testId}
                          />
                        </td>
                      );
                    }
                    return (
                      <td
                        key={c.code}
                        className={`num form-readonly${r.leaf && c.leaf ? '' : ' form-total'}`}
                        data-testid={testId}
                        title={v === null ? t('forms.view.hidden') : undefined}
                      >
                        {v === null ? '—' : fmt(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {invalid.size > 0 && <Alert tone="error" title={t('forms.view.invalid')} testId="form-invalid" />}
        {hasInput && (
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy || changed.length === 0}
              data-testid="form-save"
            >
              {submit.busy ? t('common.saving') : t('forms.view.save', { count: changed.length })}
            </button>
          </div>
        )}
      </form>
    </div>
  );
}
