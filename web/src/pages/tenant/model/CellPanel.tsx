import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { CommentView, HistoryItem, HistoryResponse } from '../../../api/entry.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { HistoryTable } from './HistoryTable.js';
import type { NumberFormat } from '../../../lib/formNumbers.js';

/** History and threaded comments of one cell (any view that shows cells can open it). */
export function CellPanel({
  cubeId,
  coords,
  label,
  onClose,
  onCommentsChanged,
  format,
}: {
  cubeId: string;
  coords: Record<string, string>;
  label: string;
  onClose: () => void;
  /** A comment was added or deleted (e.g. a grid refreshes its comment markers). */
  onCommentsChanged?: () => void;
  /** The opening form's number format: the history in its unit, labelled (absent = yen). */
  format?: NumberFormat;
}) {
  const { t } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const base = `${apiBase}/model/cubes/${encodeURIComponent(cubeId)}`;
  const key = JSON.stringify(coords);
  const [older, setOlder] = useState<HistoryItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const history = useLoad(
    async () => {
      const h = await api.post<HistoryResponse>(`${base}/history`, { cells: [coords], limit: 20 });
      setOlder([]);
      setCursor(h.nextCursor);
      return h.items;
    },
    [base, key],
    unauthorized,
  );
  const comments = useLoad(
    () => api.post<{ items: CommentView[] }>(`${base}/comments/list`, { cells: [coords] }),
    [base, key],
    unauthorized,
  );
  const more = async () => {
    if (!cursor) return;
    const h = await api.post<HistoryResponse>(`${base}/history`, { cells: [coords], limit: 20, cursor });
    setOlder((o) => [...o, ...h.items]);
    setCursor(h.nextCursor);
  };
  const items = [...(history.data ?? []), ...older];
  return (
    <section className="card card-padded" aria-labelledby="cell-panel-title" data-testid="cell-panel">
      <div className="page-header">
        <h2 id="cell-panel-title" className="section-title">
          {t('cell.panel')}: {label} <HelpLink page="cell-history-comments" topic={t('cell.history')} />
        </h2>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={onClose}
          data-testid="cell-panel-close"
        >
          {t('cell.close')}
        </button>
      </div>
      <h3 className="section-title">{t('cell.history')}</h3>
      {history.error !== undefined && <ErrorAlert error={history.error} />}
      {!history.data ? (
        <Loading />
      ) : items.length === 0 ? (
        <p>{t('cell.noHistory')}</p>
      ) : (
        <HistoryTable items={items} testId="cell-history" format={format} />
      )}
      {cursor && (
        <button type="button" className="button button-secondary button-small" onClick={() => void more()}>
          {t('cell.more')}
        </button>
      )}
      <h3 className="section-title">{t('cell.comments')}</h3>
      {comments.error !== undefined && <ErrorAlert error={comments.error} />}
      {comments.data && (
        <Thread
          base={base}
          coords={coords}
          comments={comments.data.items}
          onChange={() => {
            comments.reload();
            onCommentsChanged?.();
          }}
        />
      )}
    </section>
  );
}

function Thread({
  base,
  coords,
  comments,
  onChange,
}: {
  base: string;
  coords: Record<string, string>;
  comments: CommentView[];
  onChange: () => void;
}) {
  const { t } = useI18n();
  const { unauthorized } = useTenantSession();
  const submit = useSubmit(unauthorized);
  const [text, setText] = useState('');
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const children = (parent: string | null) => comments.filter((c) => c.parentId === parent);
  const render = (c: CommentView, depth: number): React.ReactNode => (
    <li key={c.id} style={{ marginInlineStart: `${depth * 1.5}rem` }} data-testid="cell-comment">
      <p>
        <strong>{c.author?.name ?? '—'}</strong> · {formatDateTime(c.at)}
      </p>
      <p>{c.deleted ? t('cell.deleted') : c.body}</p>
      <p>
        <button type="button" className="button button-ghost button-small" onClick={() => setReplyTo(c.id)}>
          {t('cell.reply')}
        </button>
        {c.mine && !c.deleted && (
          <button
            type="button"
            className="button button-ghost button-small"
            onClick={() => void api.delete(`${base}/comments/${encodeURIComponent(c.id)}`).then(onChange)}
          >
            {t('cell.delete')}
          </button>
        )}
      </p>
      <ul className="row-list">{children(c.id).map((r) => render(r, depth + 1))}</ul>
    </li>
  );
  return (
    <div>
      {comments.length === 0 ? (
        <p>{t('cell.noComments')}</p>
      ) : (
        <ul className="row-list">{children(null).map((c) => render(c, 0))}</ul>
      )}
      <form
        onSubmit={submit.handle(async () => {
          await api.post(`${base}/comments`, {
            coords,
            body: text,
            ...(replyTo ? { parentId: replyTo } : {}),
          });
          setText('');
          setReplyTo(null);
          onChange();
        })}
      >
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <label htmlFor="cell-comment-text">{replyTo ? t('cell.reply') : t('cell.add')}</label>
        <textarea
          id="cell-comment-text"
          data-testid="cell-comment-text"
          maxLength={2000}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button
          type="submit"
          className="button button-primary"
          disabled={submit.busy}
          data-testid="cell-comment-add"
        >
          {replyTo ? t('cell.reply') : t('cell.add')}
        </button>
      </form>
    </div>
  );
}
