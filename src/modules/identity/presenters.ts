import type { AuditLogTable, UserTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { UserView } from './schemas.js';

export function presentUser(
  user: UserTable,
  previous: AuditLogTable | undefined,
  timeZone: string,
): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    locale: user.locale,
    isOrgAdmin: user.is_org_admin === 1,
    previousSignIn: previous
      ? { at: formatInZone(previous.at, timeZone), ip: previous.ip, userAgent: previous.user_agent }
      : null,
  };
}
