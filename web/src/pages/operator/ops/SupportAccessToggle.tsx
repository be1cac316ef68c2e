import { api } from '../../../api/client.js';
import { useI18n } from '../../../i18n/index.js';
import { useOperatorSession } from '../../../layout/OperatorLayout.js';
import { useLoad } from '../../../lib/useLoad.js';

interface Access {
  installation: boolean;
  tenants: { tenantId: string; anyUser: boolean }[];
}

/** On a tenant's page: may any of its users open support tickets (else only org admins)? */
export function SupportAccessToggle({ tenantId }: { tenantId: string }) {
  const { t } = useI18n();
  const { unauthorized } = useOperatorSession();
  const access = useLoad(() => api.get<Access>('/api/operator/support/access'), [], unauthorized);
  if (!access.data) return null;
  const own = access.data.tenants.find((x) => x.tenantId === tenantId);
  const checked = own?.anyUser ?? access.data.installation;
  return (
    <label className="checkbox card card-padded" data-testid="support-access-tenant">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) =>
          void api
            .put('/api/operator/support/access', { tenantId, anyUser: e.target.checked })
            .then(access.reload)
        }
      />{' '}
      {t('desk.support.accessTenant')}
    </label>
  );
}
