import type { Messages } from '../../i18n/en.js';
import { useI18n } from '../../i18n/index.js';
import { describeUserAgent } from '../../lib/format.js';
import { formatLogTime } from './query.js';
import type { AccessEntry, AuditEntry, ErrorEntry, LogName, UserRef } from './types.js';

/** A button that reads as a link in a table cell. */
const LINK_BUTTON = {
  padding: 0,
  border: 0,
  background: 'none',
  font: 'inherit',
  cursor: 'pointer',
  textAlign: 'left',
} as const;

type Col = keyof Messages['logs']['col'];

interface Props {
  log: LogName;
  items: AuditEntry[] | AccessEntry[] | ErrorEntry[];
  busy: boolean;
  /** Show only this user's entries. */
  onUser: (id: string) => void;
}

/** Text of an operation's details (JSON), shortened; always rendered as text. */
function summaryText(summary: unknown): string {
  if (summary === null || summary === undefined || summary === '') return '';
  const text = typeof summary === 'string' ? summary : JSON.stringify(summary);
  if (text === '{}' || text === '[]') return '';
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

function UserCell({ id, name, onUser }: { id: string | null; name: string; onUser: (id: string) => void }) {
  const { t } = useI18n();
  if (!id) return <>{name}</>;
  return (
    <button
      type="button"
      className="table-link"
      style={LINK_BUTTON}
      onClick={() => onUser(id)}
      title={t('logs.filterUser', { name })}
      data-testid="log-user"
      data-user-id={id}
    >
      {name}
    </button>
  );
}

function Browser({ ua }: { ua: string | null }) {
  const { t } = useI18n();
  return <span title={ua ?? undefined}>{describeUserAgent(ua) ?? t('common.none')}</span>;
}

function ResultBadge({ result }: { result: string }) {
  const { t } = useI18n();
  const ok = result === 'success';
  return (
    <span className={ok ? 'badge badge-green' : 'badge badge-red'}>
      {result === 'success' ? t('logs.success') : result === 'failure' ? t('logs.failure') : result}
    </span>
  );
}

function StatusBadge({ status }: { status: number }) {
  const tone = status >= 500 ? 'badge-red' : status >= 400 ? 'badge-amber' : 'badge-green';
  return <span className={`badge ${tone}`}>{status}</span>;
}

/** The entries of one log, newest first. Every value from the log is rendered as text. */
export function LogTable({ log, items, busy, onUser }: Props) {
  const { t } = useI18n();
  const userName = (u: UserRef | null) => (u ? (u.name ?? u.id) : t('common.none'));

  let head: Col[];
  let rows;
  if (log === 'operations' || log === 'logins') {
    head = ['at', 'actor', 'action', 'target', 'result', 'ip', 'browser'];
    if (log === 'operations') head.push('details');
    rows = (items as AuditEntry[]).map((e) => {
      const actorName =
        e.actor.name ?? (e.actor.type === 'system' ? t('logs.system') : (e.actor.id ?? t('logs.unknown')));
      const details = summaryText(e.summary);
      return (
        <tr key={e.seq} data-testid="log-row" data-seq={e.seq} data-action={e.action} data-result={e.result}>
          <td className="nowrap" data-testid="log-at">
            {formatLogTime(e.at)}
          </td>
          <td>
            <UserCell id={e.actor.type === 'user' ? e.actor.id : null} name={actorName} onUser={onUser} />
          </td>
          <td>
            <code className="small">{e.action}</code>
          </td>
          <td className="cell-wrap">{e.target ? (e.target.label ?? e.target.id ?? e.target.type) : '—'}</td>
          <td>
            <ResultBadge result={e.result} />
          </td>
          <td className="nowrap">{e.ip ?? t('common.none')}</td>
          <td>
            <Browser ua={e.userAgent} />
          </td>
          {log === 'operations' && (
            <td className="cell-wrap small">
              <code>{details}</code>
            </td>
          )}
        </tr>
      );
    });
  } else if (log === 'access') {
    head = ['at', 'user', 'method', 'route', 'status', 'duration', 'ip', 'browser', 'refId'];
    rows = (items as AccessEntry[]).map((e) => (
      <tr key={e.seq} data-testid="log-row" data-seq={e.seq} data-status={e.status}>
        <td className="nowrap" data-testid="log-at">
          {formatLogTime(e.at)}
        </td>
        <td>
          <UserCell id={e.user?.id ?? null} name={userName(e.user)} onUser={onUser} />
        </td>
        <td>
          <code className="small">{e.method}</code>
        </td>
        <td className="cell-wrap">
          <code className="small">{e.route}</code>
        </td>
        <td>
          <StatusBadge status={e.status} />
        </td>
        <td className="nowrap">{e.durationMs}</td>
        <td className="nowrap">{e.ip ?? t('common.none')}</td>
        <td>
          <Browser ua={e.userAgent} />
        </td>
        <td>
          <code className="small">{e.refId}</code>
        </td>
      </tr>
    ));
  } else {
    head = ['at', 'refId', 'code', 'status', 'description', 'route', 'user'];
    rows = (items as ErrorEntry[]).map((e) => (
      <tr key={e.seq} data-testid="log-row" data-seq={e.seq} data-ref-id={e.refId}>
        <td className="nowrap" data-testid="log-at">
          {formatLogTime(e.at)}
        </td>
        <td>
          <code className="small">{e.refId}</code>
        </td>
        <td>
          <code className="small">{e.code}</code>
        </td>
        <td>
          <StatusBadge status={e.status} />
        </td>
        <td className="cell-wrap">{e.description}</td>
        <td className="cell-wrap">
          <code className="small">
            {e.method} {e.route}
          </code>
        </td>
        <td>
          <UserCell id={e.user?.id ?? null} name={userName(e.user)} onUser={onUser} />
        </td>
      </tr>
    ));
  }

  return (
    <div className="card table-wrap">
      <table className="table" data-testid="log-table" data-log={log} aria-busy={busy}>
        <caption className="visually-hidden">{t(`logs.tab.${log}`)}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {t(`logs.col.${h}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows}</tbody>
      </table>
    </div>
  );
}
