import { useState } from 'react';
import { ApiError, api } from '../../../api/client.js';
import type { DimensionDetail, DimensionDryRun, DimensionImportResult } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { CsvCharsetSelect, useCsvCharset, withCharset } from '../../../components/CsvCharsetSelect.js';
import { useI18n } from '../../../i18n/index.js';
import { useSubmit } from '../../../lib/useSubmit.js';

const TONES = { new: 'blue', changed: 'amber', unchanged: 'gray', error: 'red' } as const;
const COLUMN_KEYS: Record<string, 'code' | 'nameJa' | 'nameEn' | 'parent' | 'weight'> = {
  code: 'code',
  nameJa: 'nameJa',
  nameEn: 'nameEn',
  parent: 'parent',
  weight: 'weight',
};

/**
 * Excel files go to the .xlsx routes (an old .xls is refused there with a message saying to save it
 * as .xlsx); everything else is read as CSV.
 */
const isXlsx = (file: File) => /\.xls[xm]?$/i.test(file.name);

/**
 * Export (CSV / Excel) and import of a dimension: choose a CSV or .xlsx file → dry run
 * (every row with its outcome and problems in the user's language) → apply, all or nothing.
 */
export function DimensionImport(props: {
  url: string;
  onUnauthorized: () => void;
  onApplied: (detail: DimensionDetail, summary: DimensionDryRun['summary']) => void;
}) {
  const { t, lang } = useI18n();
  const [charset, setCharset] = useCsvCharset();
  const { url } = props;
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<DimensionDryRun>();
  /** Bumped after an apply so the file input is emptied too. */
  const [inputKey, setInputKey] = useState(0);
  const check = useSubmit(props.onUnauthorized);
  const run = useSubmit(props.onUnauthorized);
  const importUrl = (f: File) => `${url}/import${isXlsx(f) ? '/xlsx' : ''}`;

  const onCheck = check.handle(async () => {
    if (!file) return;
    setPreview(undefined);
    setPreview(await api.upload<DimensionDryRun>(`${importUrl(file)}/dry-run`, file));
  });
  const onApply = run.handle(async () => {
    if (!file || !preview || preview.summary.error > 0) return;
    try {
      const res = await api.upload<DimensionImportResult>(importUrl(file), file);
      setPreview(undefined);
      setFile(undefined);
      setInputKey((k) => k + 1);
      props.onApplied(res.dimension, res.summary);
    } catch (error) {
      // The dimension changed since the preview: show the fresh one.
      if (error instanceof ApiError && error.code === 'IMPORT_HAS_ERRORS')
        setPreview(await api.upload<DimensionDryRun>(`${importUrl(file)}/dry-run`, file));
      throw error;
    }
  });
  const label = (column: string) => {
    const k = COLUMN_KEYS[column];
    return k ? t(`model.fields.${k}`) : column;
  };
  const s = preview?.summary;

  return (
    <>
      <section
        className="card card-padded"
        aria-labelledby="dimio-export-title"
        data-testid="dimension-export-card"
      >
        <h2 id="dimio-export-title" className="section-title">
          {t('dimio.exportTitle')}
        </h2>
        <p className="muted small">{t('dimio.exportLead')}</p>
        <div className="button-row">
          <a
            className="button button-secondary"
            href={withCharset(`${url}/export?lang=${lang}`, charset)}
            download
            data-testid="export-csv"
          >
            {t('dimio.exportCsv')}
          </a>
          <CsvCharsetSelect value={charset} onChange={setCharset} testId="export-csv-charset" />
          <a
            className="button button-secondary"
            href={`${url}/export/xlsx?lang=${lang}`}
            download
            data-testid="export-xlsx"
          >
            {t('dimio.exportXlsx')}
          </a>
        </div>
      </section>
      <section
        className="card card-padded"
        aria-labelledby="dimio-import-title"
        data-testid="dimension-import-card"
      >
        <h2 id="dimio-import-title" className="section-title">
          {t('dimio.importTitle')}
        </h2>
        <p className="muted small">{t('dimio.importLead')}</p>
        <form className="form" onSubmit={onCheck} noValidate data-testid="dimio-check-form">
          <div className="field">
            <label className="field-label" htmlFor="dimio-file">
              {t('dimio.file')}
            </label>
            <input
              key={inputKey}
              id="dimio-file"
              type="file"
              accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby="dimio-file-hint"
              data-testid="dimio-file"
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setPreview(undefined);
                check.clear();
                run.clear();
              }}
            />
            <p className="field-hint" id="dimio-file-hint">
              {t('dimio.fileHint')}
            </p>
          </div>
          {check.error !== undefined && <ErrorAlert error={check.error} />}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!file || check.busy}
              data-testid="dimio-check"
            >
              {check.busy ? t('dimio.checking') : t('dimio.check')}
            </button>
          </div>
        </form>
        {preview && s && (
          <div data-testid="dimio-preview">
            <h3 className="section-title">{t('dimio.preview')}</h3>
            <p data-testid="dimio-summary">
              {t('dimio.summary', {
                total: s.total,
                new: s.new,
                changed: s.changed,
                unchanged: s.unchanged,
                error: s.error,
              })}{' '}
              <span className="muted small">{t('dimio.format', { format: preview.encoding })}</span>
            </p>
            <div className="table-wrap table-scroll">
              <table className="table" data-testid="dimio-table">
                <caption className="visually-hidden">{t('dimio.preview')}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('dimio.colRow')}
                    </th>
                    <th scope="col">{t('dimio.colCode')}</th>
                    <th scope="col">{t('dimio.colName')}</th>
                    <th scope="col">{t('model.fields.parent')}</th>
                    <th scope="col" className="num">
                      {t('model.fields.weight')}
                    </th>
                    <th scope="col">{t('dimio.colOutcome')}</th>
                    <th scope="col">{t('dimio.colProblems')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.row} data-testid="dimio-row" data-row={r.row} data-outcome={r.outcome}>
                      <td className="num">{r.row}</td>
                      <td>
                        <code>{r.code}</code>
                      </td>
                      <td>{[r.nameJa, r.nameEn].filter(Boolean).join(' / ')}</td>
                      <td>{r.parent ? <code>{r.parent}</code> : t('model.fields.topLevel')}</td>
                      <td className="num">{r.parent ? r.weight || '1' : ''}</td>
                      <td>
                        <span className={`badge badge-${TONES[r.outcome]}`}>
                          {t(`dimio.outcome.${r.outcome}`)}
                        </span>
                      </td>
                      <td className="cell-error">
                        {r.errors.map((e) => `${label(e.column)}: ${e.message}`).join(' / ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {s.error > 0 && <Alert tone="warning" title={t('dimio.blocked')} testId="dimio-blocked" />}
            {run.error !== undefined && <ErrorAlert error={run.error} />}
            <form className="form-actions" onSubmit={onApply}>
              <button
                type="submit"
                className="button button-primary"
                disabled={s.error > 0 || s.total === 0 || run.busy}
                data-testid="dimio-apply"
              >
                {run.busy ? t('dimio.applying') : t('dimio.apply', { count: s.total })}
              </button>
            </form>
          </div>
        )}
      </section>
    </>
  );
}
