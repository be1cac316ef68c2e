import type { FormEvent } from 'react';
import { postDownload } from '../../../api/postDownload.js';
import { ErrorAlert } from '../../../components/Alert.js';
import {
  CsvCharsetSelect,
  useCsvCharset,
  withCharset,
  type CsvCharset,
} from '../../../components/CsvCharsetSelect.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** What a form or report file shows: the fixed choices, the language and (reports) the drilled row. */
export interface FormFileBody {
  choices: Record<string, string>;
  lang: 'ja' | 'en';
  drill?: { row: string };
}

/**
 * Downloads a form or report as `.xlsx` or CSV (`POST …/forms/:id/xlsx|csv`), saved under the
 * server's name (`<form name>_<choices>_<YYYYMMDD>.xlsx`).
 */
export function downloadFormFile(
  apiBase: string,
  formId: string,
  kind: 'xlsx' | 'csv',
  body: FormFileBody,
  charset: CsvCharset = 'utf8',
): Promise<void> {
  const url = `${apiBase}/model/forms/${encodeURIComponent(formId)}/${kind}`;
  return postDownload(kind === 'csv' ? withCharset(url, charset) : url, body, `form.${kind}`);
}

/** The CSV download button with its encoding select, for a form's or report's header. */
export function FormCsvDownload({
  onDownload,
  busy,
}: {
  onDownload: (charset: CsvCharset) => (event: FormEvent) => void;
  busy: boolean;
}) {
  const { t } = useI18n();
  const [charset, setCharset] = useCsvCharset();
  return (
    <span className="button-row" role="group" aria-label={t('csv.download')}>
      <button
        type="button"
        className="button button-secondary"
        onClick={onDownload(charset)}
        disabled={busy}
        data-testid="form-csv-download"
      >
        {t('csv.download')}
      </button>
      <CsvCharsetSelect value={charset} onChange={setCharset} testId="form-csv-charset" />
    </span>
  );
}

/** A report's downloads: Excel and CSV of what is on screen (choices and drilled row). */
export function ReportDownloads({ formId, body }: { formId: string; body: FormFileBody }) {
  const { t } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  return (
    <div className="form-excel" data-testid="report-downloads">
      <div className="button-row" role="group" aria-label={t('csv.files')}>
        <button
          type="button"
          className="button button-secondary"
          onClick={submit.handle(() => downloadFormFile(apiBase, formId, 'xlsx', body))}
          disabled={submit.busy}
          data-testid="report-excel-download"
        >
          {t('csv.excel')}
        </button>
        <FormCsvDownload
          busy={submit.busy}
          onDownload={(charset) =>
            submit.handle(() => downloadFormFile(apiBase, formId, 'csv', body, charset))
          }
        />
      </div>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
    </div>
  );
}
