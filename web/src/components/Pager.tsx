import { useI18n } from '../i18n/index.js';
import { pageCount } from '../lib/userQuery.js';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
}

/** Previous / next with “page n of m” and the visible range. */
export function Pager({ page, pageSize, total, onPage }: PagerProps) {
  const { t } = useI18n();
  const pages = pageCount(total, pageSize);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav className="pager" aria-label={t('admin.users.pagination')} data-testid="pager">
      <span className="muted small">{t('admin.users.range', { from, to, total })}</span>
      <div className="pager-buttons">
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
          data-testid="pager-prev"
        >
          {t('admin.users.previous')}
        </button>
        <span className="small" aria-current="page">
          {t('admin.users.pageOf', { page, pages })}
        </span>
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
          data-testid="pager-next"
        >
          {t('admin.users.next')}
        </button>
      </div>
    </nav>
  );
}
