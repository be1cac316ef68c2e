import { useEffect, useState } from 'react';
import { api } from '../../../api/client.js';
import type { Require2fa } from '../../../api/identity.js';
import { REQUIRE_2FA } from '../../../api/identity.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';

/** Security settings: whether two-step verification is required (none / admins / everyone). */
export function SecurityPage() {
  const { t } = useI18n();
  usePageTitle(t('admin.security.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const path = `${apiBase}/admin/security`;
  const loaded = useLoad(() => api.get<{ require2fa: Require2fa }>(path), [path], unauthorized);
  const submit = useSubmit(unauthorized);
  const [value, setValue] = useState<Require2fa>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setValue(loaded.data.require2fa);
  }, [loaded.data]);

  const onSubmit = submit.handle(async () => {
    setSaved(false);
    const body = await api.put<{ require2fa: Require2fa }>(path, { require2fa: value });
    setValue(body.require2fa);
    setSaved(true);
  });

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('admin.security.title')} <HelpLink page="user-two-step" topic={t('admin.security.title')} />
          </h1>
          <p className="page-lead">{t('admin.security.lead')}</p>
        </div>
      </div>
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : loaded.error ? (
        <ErrorAlert error={loaded.error} />
      ) : (
        <form className="card card-padded form" onSubmit={onSubmit} data-testid="security-form">
          {saved && <Alert tone="success" title={t('admin.security.saved')} testId="notice" />}
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          <fieldset className="choice-group">
            <legend className="section-title">{t('admin.security.require2fa')}</legend>
            {REQUIRE_2FA.map((option) => (
              <label key={option} className={value === option ? 'choice is-selected' : 'choice'}>
                <input
                  type="radio"
                  name="require2fa"
                  value={option}
                  checked={value === option}
                  onChange={() => {
                    setSaved(false);
                    setValue(option);
                  }}
                  aria-describedby={`require2fa-${option}-hint`}
                  data-testid={`require2fa-${option}`}
                />
                <span>
                  <strong>{t(`admin.security.${option}`)}</strong>
                  <span className="field-hint" id={`require2fa-${option}-hint`}>
                    {t(`admin.security.${option}Hint`)}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="security-save"
            >
              {submit.busy ? t('common.saving') : t('admin.security.save')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
