import type { JobStatus, TenantStatus } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

const tones: Record<TenantStatus | JobStatus, string> = {
  active: 'green',
  suspended: 'amber',
  closed: 'gray',
  pending: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
};

export function StatusBadge({ status }: { status: TenantStatus | JobStatus }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge badge-${tones[status] ?? 'gray'}`}
      data-testid="status-badge"
      data-status={status}
    >
      {t(`status.${status}`)}
    </span>
  );
}
