import type { ImportOutcome, UserState } from '../api/identity.js';
import { useI18n } from '../i18n/index.js';

const outcomeTones: Record<ImportOutcome, string> = { new: 'blue', unchanged: 'gray', error: 'red' };
const stateTones: Record<UserState, string> = { invited: 'amber', active: 'green', locked: 'red' };

export function OutcomeBadge({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge badge-${outcomeTones[outcome]}`}
      data-testid="outcome-badge"
      data-outcome={outcome}
    >
      {t(`outcome.${outcome}`)}
    </span>
  );
}

export function UserStateBadge({ state }: { state: UserState }) {
  const { t } = useI18n();
  return (
    <span
      className={`badge badge-${stateTones[state] ?? 'gray'}`}
      data-testid="user-state"
      data-state={state}
    >
      {t(`userState.${state}`)}
    </span>
  );
}

export function RoleBadge({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  return isAdmin ? (
    <span className="badge badge-blue" data-testid="role-badge" data-role="admin">
      {t('admin.users.roleAdmin')}
    </span>
  ) : (
    <span className="badge badge-gray" data-testid="role-badge" data-role="member">
      {t('admin.users.roleMember')}
    </span>
  );
}
