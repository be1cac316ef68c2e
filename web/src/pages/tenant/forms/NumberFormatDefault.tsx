import { useEffect, useState } from 'react';
import { api } from '../../../api/client.js';
import { Alert, ErrorAlert } from '../../../components/Alert.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import type { NumberFormat } from '../../../lib/formNumbers.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { NumberFormatFields } from './NumberFormatFields.js';

interface Setting {
  format: NumberFormat;
  builtIn: boolean;
}

/** The tenant's default number format (org admins): used by every form without its own. */
export function NumberFormatDefaultPage() {
  const { t } = useI18n();
  usePageTitle(t('numfmt.title'));
  const { apiBase, unauthorized } = useTenantSession();
  const path = `${apiBase}/model/number-format`;
  const loaded = useLoad(() => api.get<Setting>(path), [path], unauthorized);
  const submit = useSubmit(unauthorized);
  const [value, setValue] = useState<Setting>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setValue(loaded.data);
  }, [loaded.data]);

  const onSubmit = submit.handle(async () => {
    if (!value) return;
    setSaved(false);
    setValue(await api.put<Setting>(path, { format: value.format }));
    setSaved(true);
  });

  return (
    <div className="page page-medium">
      <div className="page-header">
        <div>
          <h1 className="page-title">
            {t('numfmt.title')} <HelpLink page="model-forms" topic={t('numfmt.title')} />
          </h1>
          <p className="page-lead">{t('numfmt.lead')}</p>
        </div>
      </div>
      {loaded.loading && !loaded.data ? (
        <Loading />
      ) : loaded.error ? (
        <ErrorAlert error={loaded.error} />
      ) : value ? (
        <form className="card card-padded form" onSubmit={onSubmit} data-testid="numfmt-form">
          {saved && <Alert tone="success" title={t('numfmt.saved')} testId="notice" />}
          {submit.error !== undefined && <ErrorAlert error={submit.error} />}
          {value.builtIn && (
            <p className="field-hint" data-testid="numfmt-built-in">
              {t('numfmt.builtIn')}
            </p>
          )}
          <NumberFormatFields
            value={value.format}
            onChange={(format) => {
              setSaved(false);
              setValue({ format, builtIn: value.builtIn });
            }}
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="numfmt-save"
            >
              {submit.busy ? t('common.saving') : t('numfmt.save')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
