import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api } from '../api/client.js';
import type { DryRunResult } from '../api/identity.js';
import { useI18n } from '../i18n/index.js';
import { importTableModel } from '../lib/importTable.js';
import type { ImportTableModel } from '../lib/importTable.js';
import { useSubmit } from '../lib/useSubmit.js';
import { Alert, ErrorAlert } from './Alert.js';
import { CsvCharsetSelect, useCsvCharset, withCharset } from './CsvCharsetSelect.js';
import { ImportTable } from './ImportTable.js';

interface CsvImportProps<R> {
  /** e.g. `/t/acme/api/admin/users/import`: `/template`, `/dry-run` and the import itself. */
  base: string;
  /** Text of the import button for this many rows. */
  importLabel: (count: number) => string;
  onImported: (result: R) => void;
  intro?: ReactNode;
  onUnauthorized?: () => void;
  /** Names for the server's column keys (`email` → 「メールアドレス」), as in the template header. */
  columnLabels?: Record<string, string>;
}

/**
 * Template download → choose file → dry run (table of every row) → import, enabled only when
 * the dry run found no errors. The file is sent as raw bytes so the server can detect Shift_JIS.
 */
export function CsvImport<R>(props: CsvImportProps<R>) {
  const { base, importLabel, onImported, intro, onUnauthorized, columnLabels } = props;
  const { t } = useI18n();
  const [charset, setCharset] = useCsvCharset();
  const [file, setFile] = useState<File>();
  const [model, setModel] = useState<ImportTableModel>();
  const check = useSubmit(onUnauthorized);
  const run = useSubmit(onUnauthorized);

  const onCheck = check.handle(async () => {
    if (!file) return;
    setModel(undefined);
    setModel(importTableModel(await api.upload<DryRunResult>(`${base}/dry-run`, file)));
  });
  const onImport = run.handle(async () => {
    if (!file || !model?.canImport) return;
    try {
      onImported(await api.upload<R>(base, file));
    } catch (error) {
      // Something changed since the dry run (e.g. a user registered meanwhile): show the fresh table.
      if (error instanceof ApiError && error.code === 'IMPORT_HAS_ERRORS') {
        setModel(importTableModel(await api.upload<DryRunResult>(`${base}/dry-run`, file)));
      }
      throw error;
    }
  });

  return (
    <div className="import-steps">
      <section className="card card-padded" aria-labelledby="import-step1">
        <h2 id="import-step1" className="section-title">
          {t('admin.import.step1')}
        </h2>
        {intro}
        <p className="muted small">{t('admin.import.step1Lead')}</p>
        <div className="button-row">
          <a
            className="button button-secondary"
            href={withCharset(`${base}/template?lang=ja`, charset)}
            download
            data-testid="template-ja"
          >
            {t('admin.import.templateJa')}
          </a>
          <a
            className="button button-secondary"
            href={withCharset(`${base}/template?lang=en`, charset)}
            download
            data-testid="template-en"
          >
            {t('admin.import.templateEn')}
          </a>
          <CsvCharsetSelect value={charset} onChange={setCharset} testId="template-charset" />
        </div>
      </section>
      <section className="card card-padded" aria-labelledby="import-step2">
        <h2 id="import-step2" className="section-title">
          {t('admin.import.step2')}
        </h2>
        <form className="form" onSubmit={onCheck} noValidate data-testid="import-check-form">
          <div className="field">
            <label className="field-label" htmlFor="import-file">
              {t('admin.import.file')}
            </label>
            <input
              id="import-file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby="import-file-hint"
              data-testid="import-file"
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setModel(undefined);
                check.clear();
                run.clear();
              }}
            />
            <p className="field-hint" id="import-file-hint">
              {t('admin.import.fileHint')}
            </p>
          </div>
          {check.error !== undefined && <ErrorAlert error={check.error} />}
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={!file || check.busy}
              data-testid="import-dry-run"
            >
              {check.busy ? t('admin.import.checking') : t('admin.import.dryRun')}
            </button>
          </div>
        </form>
      </section>
      {model && (
        <section className="card card-padded" aria-labelledby="import-step3">
          <h2 id="import-step3" className="section-title">
            {t('admin.import.step3')}
          </h2>
          <ImportTable model={model} columnLabels={columnLabels} />
          {model.counts.total === 0 ? (
            <Alert tone="warning" title={t('admin.import.nothing')} />
          ) : (
            !model.canImport && (
              <Alert tone="warning" title={t('admin.import.blocked')} testId="import-blocked" />
            )
          )}
          {run.error !== undefined && <ErrorAlert error={run.error} />}
          <form className="form-actions" onSubmit={onImport}>
            <button
              type="submit"
              className="button button-primary"
              disabled={!model.canImport || run.busy}
              data-testid="import-submit"
            >
              {run.busy ? t('admin.import.importing') : importLabel(model.counts.new)}
            </button>
          </form>
        </section>
      )}
    </div>
  );
}
