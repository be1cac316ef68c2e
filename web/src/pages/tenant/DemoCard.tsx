import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { InstallResult, PackageList } from '../../api/packages.js';
import { Alert, ErrorAlert } from '../../components/Alert.js';
import { useI18n } from '../../i18n/index.js';
import { useTenantSession } from '../../layout/TenantLayout.js';
import { useLoad } from '../../lib/useLoad.js';
import { useSubmit } from '../../lib/useSubmit.js';

/**
 * "Install the demo budget": shown to org admins of an organisation without cubes when the
 * provider offers the demo package. One click installs it (all or nothing) and links to its portal
 * (or, while forms and portals cannot be installed, to its cube).
 */
export function DemoCard() {
  const { t } = useI18n();
  const { slug, apiBase, unauthorized } = useTenantSession();
  const list = useLoad(() => api.get<PackageList>(`${apiBase}/model/packages`), [apiBase], unauthorized);
  const submit = useSubmit(unauthorized);
  const [done, setDone] = useState<InstallResult>();
  const demo = list.data?.demo;
  // Where the first-time user goes next: the demo's portal (its forms), else its cube.
  const portal = done?.ids.find((i) => i.kind === 'portal');
  const cube = done?.ids.find((i) => i.kind === 'cube');
  const onInstall = submit.handle(async () => {
    if (!demo) return;
    setDone(await api.post<InstallResult>(`${apiBase}/model/packages/available/${demo.packageId}/install`));
  });
  if (!demo && !done) return null;
  return (
    <section className="card card-padded" aria-labelledby="demo-title" data-testid="demo-card">
      <h2 id="demo-title" className="section-title">
        {t('packages.demo.title')}
      </h2>
      {done ? (
        <Alert tone="success" title={t('packages.demo.done')} testId="demo-installed">
          <p className="button-row">
            {portal && (
              <Link to={`/t/${slug}/portals/${portal.id}`} data-testid="demo-open-portal">
                {t('packages.demo.openPortal')}
              </Link>
            )}
            {cube && (
              <Link to={`/t/${slug}/admin/model/cubes/${cube.id}`} data-testid="demo-open-cube">
                {t('packages.demo.openCube')}
              </Link>
            )}
            <Link to={`/t/${slug}/admin/model/packages`} data-testid="demo-open">
              {t('packages.demo.open')}
            </Link>
          </p>
        </Alert>
      ) : (
        <>
          <p>{t('packages.demo.lead')}</p>
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          <button
            type="button"
            className="button button-primary"
            disabled={submit.busy}
            onClick={onInstall}
            data-testid="demo-install"
          >
            {submit.busy ? t('packages.demo.installing') : t('packages.demo.install')}
          </button>
        </>
      )}
    </section>
  );
}
