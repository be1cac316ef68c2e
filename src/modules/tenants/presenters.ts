import type { TenantTable } from '../../platform/db/types.js';
import { formatInZone } from '../../platform/time/zoned.js';
import type { TenantView } from './schemas.js';

export function presentTenant(t: TenantTable, publicUrl: string, timeZone: string): TenantView {
  return {
    id: t.id,
    slug: t.slug,
    displayName: t.display_name,
    status: t.status,
    contractStart: t.contract_start,
    contractEnd: t.contract_end,
    region: t.region,
    timeZone: t.time_zone,
    firstAdminEmail: t.first_admin_email,
    createdAt: formatInZone(t.created_at, timeZone),
    url: `${publicUrl}/t/${t.slug}/`,
  };
}
