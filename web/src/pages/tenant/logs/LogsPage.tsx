import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../../api/client.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { CsvCharsetSelect, useCsvCharset } from '../../../components/CsvCharsetSelect.js';
import { Loading } from '../../../components/Loading.js';
import { IntegrityPanel } from '../../../components/logs/IntegrityPanel.js';
import { LogFilters } from '../../../components/logs/LogFilters.js';
import { LogTable } from '../../../components/logs/LogTable.js';
import { downloadExport } from '../../../components/logs/download.js';
import { apiQuery, filtersFrom, type Filters } from '../../../components/logs/query.js';
import {
  LOG_NAMES,
  isLogName,
  type EntryOf,
  type LogName,
  type LogPage,
} from '../../../components/logs/types.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';

const PAGE_SIZE = 50;
const DEFAULT_ZONE = 'Asia/Tokyo';
const ZONE_LABEL: Record<string, string> = { 'Asia/Tokyo': 'JST' };

interface Loaded {
  /** The log and filters these items belong to (a tab switch must not show another log's rows). */
  key: string;
  items: EntryOf[LogName][];
  nextCursor: number | null;
}

/** The organisation's logs: four tabs, filters in the URL, newest first with "Load more", export, integrity. */
export function LogsPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('logs.title'));
  const { apiBase, slug, unauthorized } = useTenantSession();
  const [params, setParams] = useSearchParams();
  const logParam = params.get('log');
  const log: LogName = isLogName(logParam) ? logParam : 'operations';
  const filters = filtersFrom(params, log);
  const query = apiQuery(log, filters);
  const path = `${apiBase}/admin/logs/${log}`;
  const key = `${path}?${query}`;

  const [timeZone, setTimeZone] = useState(DEFAULT_ZONE);
  const [stored, setLoaded] = useState<Loaded>();
  const loaded = stored?.key === key ? stored : undefined;
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState<'csv' | 'jsonl'>();
  const [exportError, setExportError] = useState<unknown>();
  const [charset, setCharset] = useCsvCharset();
  const generation = useRef(0);

  const fail = (reason: unknown) => {
    if (reason instanceof ApiError && reason.status === 401) unauthorized();
    else setError(reason);
  };

  const fetchPage = (cursor: number | null) =>
    api.get<LogPage<EntryOf[LogName]>>(
      `${path}?${apiQuery(log, filters, { limit: String(PAGE_SIZE), ...(cursor ? { cursor: String(cursor) } : {}) })}`,
    );

  useEffect(() => {
    const mine = ++generation.current;
    setBusy(true);
    setError(undefined);
    setLoaded(undefined);
    fetchPage(null).then(
      (page) => {
        if (mine !== generation.current) return;
        setTimeZone(page.timeZone);
        setLoaded({ key, items: page.items, nextCursor: page.nextCursor });
        setBusy(false);
      },
      (reason: unknown) => {
        if (mine !== generation.current) return;
        setBusy(false);
        fail(reason);
      },
    );
  }, [path, query]);

  const loadMore = () => {
    if (!loaded?.nextCursor || busy) return;
    const mine = generation.current;
    setBusy(true);
    fetchPage(loaded.nextCursor).then(
      (page) => {
        if (mine !== generation.current) return;
        setLoaded((prev) => ({
          key,
          items: [...(prev?.key === key ? prev.items : []), ...page.items],
          nextCursor: page.nextCursor,
        }));
        setBusy(false);
      },
      (reason: unknown) => {
        if (mine !== generation.current) return;
        setBusy(false);
        fail(reason);
      },
    );
  };

  const go = (next: LogName, nextFilters: Filters) => {
    const q = new URLSearchParams(apiQuery(next, nextFilters));
    q.set('log', next);
    setParams(q);
  };

  const exportAs = (format: 'csv' | 'jsonl') => {
    setExporting(format);
    setExportError(undefined);
    const query = apiQuery(log, filters, format === 'csv' ? { format, charset } : { format });
    downloadExport(`${path}/export?${query}`, lang, `${slug}-${log}.${format}`)
      .catch((reason: unknown) => {
        if (reason instanceof ApiError && reason.status === 401) unauthorized();
        else setExportError(reason);
      })
      .finally(() => setExporting(undefined));
  };

  const zone = ZONE_LABEL[timeZone] ?? timeZone;
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1 className="page-title">{t('logs.title')}</h1>
          <p className="page-lead">{t('logs.lead')}</p>
        </div>
      </div>

      <div className="segmented" role="tablist" aria-label={t('logs.tabsLabel')} data-testid="logs-tabs">
        {LOG_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={name === log}
            aria-controls="logs-panel"
            className={name === log ? 'segment is-active' : 'segment'}
            onClick={() =>
              go(name, {
                ...(filters['from'] ? { from: filters['from'] } : {}),
                ...(filters['to'] ? { to: filters['to'] } : {}),
              })
            }
            data-testid={`logs-tab-${name}`}
          >
            {t(`logs.tab.${name}`)}
          </button>
        ))}
      </div>

      <div id="logs-panel" role="tabpanel" className="form" data-testid="logs-panel" data-log={log}>
        <LogFilters key={log} log={log} value={filters} timeZone={timeZone} onApply={(f) => go(log, f)} />

        <div className="button-row" style={{ justifyContent: 'space-between' }}>
          <p className="muted small" data-testid="logs-summary">
            {t('logs.newestFirst', { zone })}
            {loaded && (
              <>
                {' '}
                <span data-testid="logs-count" data-count={loaded.items.length}>
                  {t('logs.shown', { count: loaded.items.length })}
                </span>
              </>
            )}
          </p>
          <div className="button-row" role="group" aria-label={t('logs.export.title')}>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => exportAs('csv')}
              disabled={exporting !== undefined}
              title={t('logs.export.lead')}
              data-testid="logs-export-csv"
            >
              {exporting === 'csv' ? t('logs.export.busy') : t('logs.export.csv')}
            </button>
            <CsvCharsetSelect value={charset} onChange={setCharset} testId="logs-export-charset" />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => exportAs('jsonl')}
              disabled={exporting !== undefined}
              title={t('logs.export.lead')}
              data-testid="logs-export-jsonl"
            >
              {exporting === 'jsonl' ? t('logs.export.busy') : t('logs.export.jsonl')}
            </button>
          </div>
        </div>
        {exportError !== undefined && <ErrorAlert error={exportError} />}

        {error !== undefined ? (
          <ErrorAlert error={error} />
        ) : !loaded ? (
          <Loading />
        ) : loaded.items.length === 0 ? (
          <div className="card empty" data-testid="logs-empty">
            {/* A free-text search scans the log window by window: nothing yet does not mean nothing at all. */}
            <p>{loaded.nextCursor !== null ? t('logs.emptySoFar') : t('logs.empty')}</p>
            {loaded.nextCursor !== null && (
              <button
                type="button"
                className="button button-secondary"
                onClick={loadMore}
                disabled={busy}
                data-testid="logs-search-further"
              >
                {busy ? t('logs.loadingMore') : t('logs.searchFurther')}
              </button>
            )}
          </div>
        ) : (
          <>
            <LogTable
              log={log}
              items={loaded.items as EntryOf['operations'][]}
              busy={busy}
              onUser={(id) => go(log, { ...filters, user: id })}
            />
            {loaded.nextCursor !== null && (
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={loadMore}
                  disabled={busy}
                  data-testid="logs-load-more"
                >
                  {busy ? t('logs.loadingMore') : t('logs.loadMore')}
                </button>
              </div>
            )}
          </>
        )}
      </div>

      <IntegrityPanel apiBase={apiBase} onUnauthorized={unauthorized} />
    </div>
  );
}
