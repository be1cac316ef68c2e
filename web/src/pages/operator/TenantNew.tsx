import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.js';
import type { Tenant } from '../../api/types.js';
import { ErrorAlert } from '../../components/Alert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/index.js';
import { useOperatorSession } from '../../layout/OperatorLayout.js';
import { useSubmit } from '../../lib/useSubmit.js';
import { usePageTitle } from '../../lib/usePageTitle.js';

function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Today and the day before the same date next year: a one-year contract. */
function defaultContract(): { start: string; end: string } {
  const start = new Date();
  const end = new Date(start.getFullYear() + 1, start.getMonth(), start.getDate() - 1);
  return { start: isoDate(start), end: isoDate(end) };
}

interface TenantForm {
  slug: string;
  displayName: string;
  contractStart: string;
  contractEnd: string;
  region: string;
  firstAdminEmail: string;
  firstAdminLocale: string;
}

const SLUG_SHAPE = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;

export function TenantNewPage() {
  const { t, lang } = useI18n();
  usePageTitle(t('operator.tenantNew.title'));
  const navigate = useNavigate();
  const { unauthorized } = useOperatorSession();
  const submit = useSubmit(unauthorized);
  const [contract] = useState(defaultContract);
  const [form, setForm] = useState<TenantForm>({
    slug: '',
    displayName: '',
    contractStart: contract.start,
    contractEnd: contract.end,
    region: t('operator.tenantNew.regionDefault'),
    firstAdminEmail: '',
    firstAdminLocale: lang,
  });
  const set = (name: keyof TenantForm) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [name]: e.target.value }));
  const fe = submit.fieldErrors;
  const slugPreview = `${location.origin}/t/${form.slug || 'example'}/`;
  const slugLooksWrong = form.slug !== '' && !SLUG_SHAPE.test(form.slug);

  const onSubmit = submit.handle(async () => {
    const body = await api.post<{ tenant: Tenant }>('/api/operator/tenants', form);
    await navigate(`/operator/tenants/${encodeURIComponent(body.tenant.id)}`, {
      state: { notice: 'created', name: body.tenant.displayName },
    });
  });

  return (
    <div className="page page-medium">
      <Link to="/operator" className="back-link">
        ← {t('operator.tenantDetail.back')}
      </Link>
      <h1 className="page-title">{t('operator.tenantNew.title')}</h1>
      <p className="page-lead">{t('operator.tenantNew.lead')}</p>
      <form className="card card-padded form" onSubmit={onSubmit} noValidate data-testid="tenant-form">
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field
          name="displayName"
          label={t('operator.tenantNew.displayName')}
          hint={t('operator.tenantNew.displayNameHint')}
          error={fe['displayName']}
          required
        >
          {(c) => (
            <input
              {...c}
              value={form.displayName}
              onChange={set('displayName')}
              autoComplete="organization"
            />
          )}
        </Field>
        <Field
          name="slug"
          label={t('operator.tenantNew.slug')}
          hint={t('operator.tenantNew.slugHint', { url: slugPreview })}
          error={fe['slug']}
          required
        >
          {(c) => (
            <input
              {...c}
              className={slugLooksWrong ? 'input-warn' : undefined}
              value={form.slug}
              onChange={(e) => setForm((f) => ({ ...f, slug: e.target.value.trim().toLowerCase() }))}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
            />
          )}
        </Field>

        <fieldset className="fieldset">
          <legend>{t('operator.tenantNew.contractSection')}</legend>
          <div className="form-row">
            <Field
              name="contractStart"
              label={t('operator.tenantNew.contractStart')}
              error={fe['contractStart']}
              required
            >
              {(c) => <input {...c} type="date" value={form.contractStart} onChange={set('contractStart')} />}
            </Field>
            <Field
              name="contractEnd"
              label={t('operator.tenantNew.contractEnd')}
              error={fe['contractEnd']}
              required
            >
              {(c) => <input {...c} type="date" value={form.contractEnd} onChange={set('contractEnd')} />}
            </Field>
          </div>
          <Field
            name="region"
            label={t('operator.tenantNew.region')}
            hint={t('operator.tenantNew.regionHint')}
            error={fe['region']}
            required
          >
            {(c) => <input {...c} value={form.region} onChange={set('region')} />}
          </Field>
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t('operator.tenantNew.adminSection')}</legend>
          <Field
            name="firstAdminEmail"
            label={t('operator.tenantNew.firstAdminEmail')}
            error={fe['firstAdminEmail']}
            required
          >
            {(c) => (
              <input
                {...c}
                type="email"
                value={form.firstAdminEmail}
                onChange={set('firstAdminEmail')}
                autoComplete="off"
              />
            )}
          </Field>
          <Field
            name="firstAdminLocale"
            label={t('operator.tenantNew.firstAdminLocale')}
            error={fe['firstAdminLocale']}
            required
          >
            {(c) => (
              <select {...c} value={form.firstAdminLocale} onChange={set('firstAdminLocale')}>
                <option value="ja">{t('lang.ja')}</option>
                <option value="en">{t('lang.en')}</option>
              </select>
            )}
          </Field>
        </fieldset>

        <div className="form-actions">
          <Link to="/operator" className="button button-secondary">
            {t('common.cancel')}
          </Link>
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="tenant-submit"
          >
            {submit.busy ? t('common.saving') : t('operator.tenantNew.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
