import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, api } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { SupportAccessToggle } from './ops/SupportAccessToggle.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Loading } from '../../components/Loading.js';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ContractCard } from './ContractCard.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

type Notice = 'created' | 'suspended' | 'resumed';

function createdNotice(state: unknown): { name: string } | undefined {
  if (typeof state !== 'object' || state === null) return undefined;
  const s = state as { notice?: unknown; name?: unknown };
  return s.notice === 'created' && typeof s.name === 'string' ? { name: s.name } : undefined;
}

export function TenantDetailPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const location = useLocation();
  const { unauthorized } = useOperatorSession();
  const loaded = useLoad(
    () => api.get<{ tenant: Tenant }>(`/api/operator/tenants/${encodeURIComponent(id)}`),
    [id],
    unauthorized,
  );
  usePageTitle(loaded.data?.tenant.displayName ?? t('operator.tenantDetail.title'));
  const [override, setOverride] = useState<Tenant>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<Notice | undefined>(() =>
    createdNotice(location.state) ? 'created' : undefined,
  );

  const tenant = override ?? loaded.data?.tenant;
  if (loaded.loading && !tenant) return <Loading />;
  if (!tenant) return <ErrorAlert error={loaded.error} />;

  const action = tenant.status === 'active' ? 'suspend' : 'resume';
  const run = () => {
    setBusy(true);
    setActionError(undefined);
    api.post<{ tenant: Tenant }>(`/api/operator/tenants/${encodeURIComponent(tenant.id)}/${action}`).then(
      (body) => {
        setOverride(body.tenant);
        setNotice(action === 'suspend' ? 'suspended' : 'resumed');
        setBusy(false);
        setConfirming(false);
      },
      (reason: unknown) => {
        setBusy(false);
        setConfirming(false);
        if (reason instanceof ApiError && reason.status === 401) unauthorized();
        else setActionError(reason);
      },
    );
  };

  const rows: [string, ReactNode][] = [
    [t('operator.tenantDetail.slug'), <code key="slug">{tenant.slug}</code>],
    [
      t('operator.tenantDetail.url'),
      <a key="url" href={tenant.url} data-testid="tenant-url">
        {tenant.url}
      </a>,
    ],
    [t('operator.tenantDetail.status'), <StatusBadge key="status" status={tenant.status} />],
    [
      t('operator.tenantDetail.contract'),
      t('operator.tenants.contractRange', {
        start: formatDate(tenant.contractStart),
        end: formatDate(tenant.contractEnd),
      }),
    ],
    [t('operator.tenantDetail.region'), tenant.region],
    [t('operator.tenantDetail.timeZone'), tenant.timeZone],
    [t('operator.tenantDetail.firstAdminEmail'), tenant.firstAdminEmail],
    [t('operator.tenantDetail.createdAt'), formatDateTime(tenant.createdAt)],
    [t('operator.tenantDetail.id'), <code key="id">{tenant.id}</code>],
  ];

  return (
    <div className="page page-medium">
      <Link to="/operator" className="back-link">
        ← {t('operator.tenantDetail.back')}
      </Link>
      <div className="page-header">
        <div>
          <p className="eyebrow">{t('operator.tenantDetail.title')}</p>
          <h1 className="page-title" data-testid="tenant-name">
            {tenant.displayName} <StatusBadge status={tenant.status} />
          </h1>
        </div>
        <button
          type="button"
          className={action === 'suspend' ? 'button button-danger-outline' : 'button button-primary'}
          onClick={() => setConfirming(true)}
          data-testid={`tenant-${action}`}
        >
          {t(action === 'suspend' ? 'operator.tenantDetail.suspend' : 'operator.tenantDetail.resume')}
        </button>
      </div>
      {notice === 'created' && (
        <Alert
          tone="success"
          testId="notice"
          title={t('operator.tenantNew.created', { name: tenant.displayName })}
        />
      )}
      {(notice === 'suspended' || notice === 'resumed') && (
        <Alert tone="success" testId="notice" title={t(`operator.tenantDetail.${notice}`)} />
      )}
      {actionError !== undefined && <ErrorAlert error={actionError} />}
      <div className="card">
        <dl className="details" data-testid="tenant-details">
          {rows.map(([label, value]) => (
            <div className="details-row" key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <ContractCard tenant={tenant} />
      <SupportAccessToggle tenantId={tenant.id} />
      <ConfirmDialog
        open={confirming}
        danger={action === 'suspend'}
        busy={busy}
        title={t(
          action === 'suspend' ? 'operator.tenantDetail.suspendTitle' : 'operator.tenantDetail.resumeTitle',
          { name: tenant.displayName },
        )}
        confirmLabel={t(
          action === 'suspend' ? 'operator.tenantDetail.suspend' : 'operator.tenantDetail.resume',
        )}
        onConfirm={run}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {t(action === 'suspend' ? 'operator.tenantDetail.suspendBody' : 'operator.tenantDetail.resumeBody')}
        </p>
      </ConfirmDialog>
    </div>
  );
}
