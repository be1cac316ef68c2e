import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { FILTERS, QUICK_PICKS, cleanRefId, quickPeriod, type Filters, type QuickPick } from './query.js';
import { ACCESS_METHODS, type LogName } from './types.js';

interface Props {
  log: LogName;
  value: Filters;
  timeZone: string;
  onApply: (filters: Filters) => void;
}

/** Compact: as many filters on a line as fit. */
const GRID = {
  padding: 0,
  gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))',
  alignItems: 'start',
} as const;

const ZONE_LABEL: Record<string, string> = { 'Asia/Tokyo': 'JST' };

/** The filter form of one log: period (tenant zone) with quick picks, then the log's own fields. */
export function LogFilters({ log, value, timeZone, onApply }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Filters>(value);
  const key = JSON.stringify(value);
  useEffect(() => setDraft(JSON.parse(key) as Filters), [key]);

  const set = (name: string, v: string) => setDraft((d) => ({ ...d, [name]: v }));
  const fields = FILTERS[log];
  const zone = ZONE_LABEL[timeZone] ?? timeZone;
  const pick = (p: QuickPick) => {
    const next = { ...draft, ...quickPeriod(p, timeZone) };
    setDraft(next);
    onApply(next);
  };
  const text = (name: string, label: string, extra: { placeholder?: string; title?: string } = {}) => (
    <div className="field" key={name}>
      <label className="field-label" htmlFor={`logs-${name}`}>
        {label}
      </label>
      <input
        id={`logs-${name}`}
        type="text"
        value={draft[name] ?? ''}
        placeholder={extra.placeholder}
        onChange={(e) => set(name, e.target.value)}
        title={extra.title}
        spellCheck={false}
        autoComplete="off"
        data-testid={`logs-filter-${name}`}
      />
    </div>
  );

  return (
    <form
      className="card card-padded form"
      role="search"
      aria-label={t('logs.filtersTitle')}
      data-testid="logs-filters"
      onSubmit={(e) => {
        e.preventDefault();
        const next = draft['refId'] ? { ...draft, refId: cleanRefId(draft['refId']) } : draft;
        setDraft(next);
        onApply(next);
      }}
    >
      <div className="button-row">
        <span className="field-label" id="logs-period-label">
          {t('logs.period', { zone })}
        </span>
        {QUICK_PICKS.map((p) => (
          <button
            key={p}
            type="button"
            className="button button-secondary button-small"
            onClick={() => pick(p)}
            aria-describedby="logs-period-label"
            data-testid={`logs-quick-${p}`}
          >
            {t(`logs.quick.${p}`)}
          </button>
        ))}
      </div>
      <div className="filters" style={GRID}>
        <div className="field">
          <label className="field-label" htmlFor="logs-from">
            {t('logs.from')}
          </label>
          <input
            id="logs-from"
            type="date"
            value={draft['from'] ?? ''}
            max={draft['to'] || undefined}
            onChange={(e) => set('from', e.target.value)}
            data-testid="logs-filter-from"
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor="logs-to">
            {t('logs.to')}
          </label>
          <input
            id="logs-to"
            type="date"
            value={draft['to'] ?? ''}
            min={draft['from'] || undefined}
            onChange={(e) => set('to', e.target.value)}
            data-testid="logs-filter-to"
          />
        </div>
        {fields.map((name) => {
          switch (name) {
            case 'user':
              return text('user', t('logs.user'), { title: t('logs.userHint') });
            case 'action':
              return text('action', t('logs.action'), { placeholder: t('logs.actionPlaceholder') });
            case 'target':
              return text('target', t('logs.target'));
            case 'route':
              return text('route', t('logs.route'), { placeholder: t('logs.routePlaceholder') });
            case 'code':
              return text('code', t('logs.code'));
            case 'refId':
              return (
                <div className="field" key="refId">
                  <label className="field-label" htmlFor="logs-refId">
                    {t('logs.refId')}
                  </label>
                  <input
                    id="logs-refId"
                    type="search"
                    value={draft['refId'] ?? ''}
                    onChange={(e) => set('refId', e.target.value)}
                    onPaste={(e) => {
                      const pasted = cleanRefId(e.clipboardData.getData('text'));
                      if (!pasted) return;
                      e.preventDefault();
                      const next = { ...draft, refId: pasted };
                      setDraft(next);
                      onApply(next);
                    }}
                    onBlur={(e) => set('refId', cleanRefId(e.target.value))}
                    aria-describedby="logs-refId-hint"
                    spellCheck={false}
                    autoComplete="off"
                    data-testid="logs-filter-refId"
                  />
                </div>
              );
            case 'result':
              return (
                <div className="field" key="result">
                  <label className="field-label" htmlFor="logs-result">
                    {t('logs.result')}
                  </label>
                  <select
                    id="logs-result"
                    value={draft['result'] ?? ''}
                    onChange={(e) => set('result', e.target.value)}
                    data-testid="logs-filter-result"
                  >
                    <option value="">{t('logs.any')}</option>
                    <option value="success">{t('logs.success')}</option>
                    <option value="failure">{t('logs.failure')}</option>
                  </select>
                </div>
              );
            case 'method':
              return (
                <div className="field" key="method">
                  <label className="field-label" htmlFor="logs-method">
                    {t('logs.method')}
                  </label>
                  <select
                    id="logs-method"
                    value={draft['method'] ?? ''}
                    onChange={(e) => set('method', e.target.value)}
                    data-testid="logs-filter-method"
                  >
                    <option value="">{t('logs.any')}</option>
                    {ACCESS_METHODS.map((m) => (
                      <option key={m} value={m}>
                        {m}
                      </option>
                    ))}
                  </select>
                </div>
              );
            case 'status':
              return (
                <div className="field" key="status">
                  <label className="field-label" htmlFor="logs-status">
                    {t('logs.status')}
                  </label>
                  <input
                    id="logs-status"
                    type="number"
                    inputMode="numeric"
                    min={100}
                    max={599}
                    value={draft['status'] ?? ''}
                    onChange={(e) => set('status', e.target.value)}
                    data-testid="logs-filter-status"
                  />
                </div>
              );
            default:
              return null;
          }
        })}
        <div className="button-row">
          <button type="submit" className="button button-primary" data-testid="logs-apply">
            {t('logs.apply')}
          </button>
          <button
            type="button"
            className="button button-ghost"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
            data-testid="logs-clear"
          >
            {t('logs.clear')}
          </button>
        </div>
      </div>
      {fields.includes('refId') && (
        <p className="field-hint" id="logs-refId-hint">
          {t('logs.refIdHint')}
        </p>
      )}
    </form>
  );
}
