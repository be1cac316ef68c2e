import { useState } from 'react';
import { useI18n } from '../i18n/index.js';

/**
 * The encoding of a CSV download (issue 18 point 7), as every CSV route takes it:
 * `?charset=utf8` (UTF-8 with BOM) or `?charset=sjis` (Shift_JIS / CP932, 〓 for what it cannot
 * hold). The choice is remembered in the browser for every CSV download.
 */
export type CsvCharset = 'utf8' | 'sjis';

const STORAGE_KEY = 'yosan.csvCharset';

function stored(): CsvCharset {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'sjis' ? 'sjis' : 'utf8';
  } catch {
    return 'utf8';
  }
}

/** The remembered encoding and its setter (which remembers it). */
export function useCsvCharset(): [CsvCharset, (charset: CsvCharset) => void] {
  const [charset, setCharset] = useState<CsvCharset>(stored);
  const choose = (next: CsvCharset) => {
    setCharset(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage blocked: the choice lasts for this page only
    }
  };
  return [charset, choose];
}

/** `url` with `charset=` added to its query. */
export function withCharset(url: string, charset: CsvCharset): string {
  return `${url}${url.includes('?') ? '&' : '?'}charset=${charset}`;
}

/** The small select beside a CSV download button or link. */
export function CsvCharsetSelect({
  value,
  onChange,
  testId = 'csv-charset',
}: {
  value: CsvCharset;
  onChange: (charset: CsvCharset) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <select
      className="csv-charset"
      value={value}
      onChange={(e) => onChange(e.target.value === 'sjis' ? 'sjis' : 'utf8')}
      aria-label={t('csv.charset.label')}
      title={t('csv.charset.hint')}
      data-testid={testId}
    >
      <option value="utf8">{t('csv.charset.utf8')}</option>
      <option value="sjis">{t('csv.charset.sjis')}</option>
    </select>
  );
}
