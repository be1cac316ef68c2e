import { useRef, useState, type ReactNode } from 'react';
import { api } from '../../../api/client.js';
import type { LocalName } from '../../../api/model.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { ConfirmDialog } from '../../../components/ConfirmDialog.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatAmount, type NumberFormat } from '../../../lib/formNumbers.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { downloadFormFile, FormCsvDownload } from './FormDownloads.js';

/** `POST …/forms/:id/xlsx/preview` (see src/modules/model/form-xlsx-schemas.ts). */
interface At {
  row: string;
  column: string;
  rowName: LocalName;
  columnName: LocalName;
  cell: string;
}
export interface FormXlsxPreview {
  token: string | null;
  format: NumberFormat;
  counts: { cells: number; changed: number; errors: number; conflicts: number };
  changes: (At & { old: number | null; new: number })[];
  errors: (At & { code: string; message: string })[];
  conflicts: (At & { base: number | null; theirs: number | null; yours: number })[];
}

/**
 * The form's Excel round trip, for the form page's header: "Download Excel" (the grid as shown,
 * for the chosen fixed elements) and "Upload Excel" → a preview of the changed cells, errors and
 * conflicts → save all of them at once (or nothing); beside them the CSV download and its encoding.
 */
export function FormExcel({
  formId,
  choices,
  onApplied,
}: {
  formId: string;
  choices: Record<string, string>;
  onApplied?: () => void;
}) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/model/forms/${encodeURIComponent(formId)}/xlsx`;
  const [preview, setPreview] = useState<FormXlsxPreview>();
  const [notice, setNotice] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const submit = useSubmit(unauthorized);

  const download = submit.handle(async () => {
    setNotice(undefined);
    await downloadFormFile(apiBase, formId, 'xlsx', { choices, lang });
  });
  const downloadCsv = (charset: 'utf8' | 'sjis') =>
    submit.handle(async () => {
      setNotice(undefined);
      await downloadFormFile(apiBase, formId, 'csv', { choices, lang }, charset);
    });
  const upload = (file: File | undefined) =>
    submit.handle(async () => {
      setNotice(undefined);
      if (fileInput.current) fileInput.current.value = '';
      if (!file) return;
      const bytes = new Blob([await file.arrayBuffer()], { type: 'application/octet-stream' });
      setPreview(await api.upload<FormXlsxPreview>(`${url}/preview`, bytes));
    });
  const apply = submit.handle(async () => {
    if (!preview?.token) return;
    const res = await api.post<{ changed: number }>(`${url}/apply`, { token: preview.token });
    setPreview(undefined);
    setNotice(t('forms.excel.applied', { count: res.changed }));
    onApplied?.();
  });

  return (
    <div className="form-excel" data-testid="form-excel">
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary"
          onClick={download}
          disabled={submit.busy}
          data-testid="form-excel-download"
        >
          {t('forms.excel.download')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => fileInput.current?.click()}
          disabled={submit.busy}
          data-testid="form-excel-upload"
        >
          {submit.busy ? t('forms.excel.busy') : t('forms.excel.upload')}
        </button>
        <FormCsvDownload busy={submit.busy} onDownload={downloadCsv} />
        <input
          ref={fileInput}
          type="file"
          className="visually-hidden"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t('forms.excel.upload')}
          data-testid="form-excel-file"
          onChange={(e) => upload(e.target.files?.[0])(e)}
        />
      </div>
      {notice && <Alert tone="success" title={notice} testId="form-excel-notice" />}
      {submit.error !== undefined && !preview && <ErrorAlert error={submit.error} />}
      <ConfirmDialog
        open={preview !== undefined}
        wide
        title={
          <>
            {t('forms.excel.title')} <HelpLink page="form-excel" topic={t('forms.excel.upload')} />
          </>
        }
        confirmLabel={t('forms.excel.apply', { count: preview?.counts.changed ?? 0 })}
        confirmDisabled={!preview?.token}
        busy={submit.busy}
        onConfirm={apply}
        onCancel={() => setPreview(undefined)}
      >
        {preview && <PreviewTables preview={preview} lang={lang} />}
        {preview && submit.error !== undefined && <ErrorAlert error={submit.error} />}
      </ConfirmDialog>
    </div>
  );
}

/** One list of the preview: cell, row, column, then `extra` columns; the first `LIST` rows of `total`. */
function CellTable<T extends At>(props: {
  testId: string;
  title: string;
  items: T[];
  total: number;
  extra: [header: string, value: (item: T) => ReactNode, numeric?: boolean][];
  rowTestId?: (item: T) => string;
}) {
  const { t, lang } = useI18n();
  const { testId, title, items, total, extra, rowTestId } = props;
  if (items.length === 0) return null;
  const headers = [
    t('forms.excel.cell'),
    t('forms.excel.row'),
    t('forms.excel.column'),
    ...extra.map((e) => e[0]),
  ];
  return (
    <section className="table-wrap">
      <h3>{title}</h3>
      <table className="table" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((x) => (
            <tr key={x.cell} data-testid={rowTestId?.(x)}>
              <td>{x.cell}</td>
              <td>{x.rowName[lang]}</td>
              <td>{x.columnName[lang]}</td>
              {extra.map(([h, value, numeric]) => (
                <td key={h} className={numeric ? 'num' : undefined}>
                  {value(x)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {items.length < total && (
        <p className="muted">{t('forms.excel.more', { shown: items.length, total })}</p>
      )}
    </section>
  );
}

function PreviewTables({ preview, lang }: { preview: FormXlsxPreview; lang: 'ja' | 'en' }) {
  const { t } = useI18n();
  const fmt = (v: number | null) => (v === null ? '—' : formatAmount(v, preview.format, lang));
  const c = preview.counts;
  return (
    <div className="form-excel-preview" data-testid="form-excel-preview">
      <p data-testid="form-excel-counts">{t('forms.excel.counts', c)}</p>
      {c.changed + c.errors + c.conflicts === 0 && <Alert tone="info" title={t('forms.excel.nothing')} />}
      {c.errors + c.conflicts > 0 && <Alert tone="error" title={t('forms.excel.errorsFirst')} />}
      <CellTable
        testId="form-excel-errors"
        title={t('forms.excel.errors')}
        items={preview.errors}
        total={c.errors}
        extra={[[t('forms.excel.problem'), (e) => e.message]]}
      />
      <CellTable
        testId="form-excel-conflicts"
        title={t('forms.excel.conflicts')}
        items={preview.conflicts}
        total={c.conflicts}
        extra={[
          [t('forms.excel.old'), (x) => fmt(x.base), true],
          [t('forms.excel.theirs'), (x) => fmt(x.theirs), true],
          [t('forms.excel.yours'), (x) => fmt(x.yours), true],
        ]}
      />
      <CellTable
        testId="form-excel-changes"
        title={t('forms.excel.changes')}
        items={preview.changes}
        total={c.changed}
        extra={[
          [t('forms.excel.old'), (x) => fmt(x.old), true],
          [t('forms.excel.new'), (x) => fmt(x.new), true],
        ]}
        rowTestId={(x) => `form-excel-change-${x.row}-${x.column}`}
      />
    </div>
  );
}
