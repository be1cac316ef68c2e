import type { UserTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { UserAdminView, UserState } from './schemas.js';

export interface UserFacts {
  groups: Map<string, { id: string; name: string }[]>;
  lastSignIns: Map<string, string>;
  totp: Set<string>;
  /** Users whose sign-in is temporarily locked after failed attempts. */
  locked: Set<string>;
}

export function stateOf(user: UserTable, lockedNow = false): UserState {
  if (user.status === 'deleted' || lockedNow) return 'locked';
  return user.status;
}

export function presentUserAdmin(user: UserTable, facts: UserFacts, timeZone: string): UserAdminView {
  const last = facts.lastSignIns.get(user.id);
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    isOrgAdmin: user.is_org_admin === 1,
    state: stateOf(user, facts.locked.has(user.id)),
    groups: facts.groups.get(user.id) ?? [],
    createdAt: formatInZone(user.created_at, timeZone),
    lastSignInAt: last ? formatInZone(last, timeZone) : null,
    totpEnabled: facts.totp.has(user.id),
  };
}
