import { useState } from 'react';
import { api } from '../../../api/client.js';
import { SEVERITIES, type Incident, type Severity } from '../../../api/ops.js';
import type { Tenant } from '../../../api/types.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useOperatorSession } from '../../../layout/OperatorLayout.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { IncidentView } from '../../tenant/incidents/IncidentView.js';

/** `datetime-local` value (JST wall time) → ISO 8601 with +09:00. */
export const jst = (local: string) => (local ? `${local.length === 16 ? `${local}:00` : local}+09:00` : '');
/** Now as a `datetime-local` value in JST. */
export function nowJstLocal(): string {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 16);
}

const EMPTY = { titleJa: '', titleEn: '', descriptionJa: '', descriptionEn: '' };

/** Declare incidents, post updates and the resolution; the history of all of them. */
export function OperatorIncidentsPage() {
  const { t } = useI18n();
  usePageTitle(t('desk.incidents.title'));
  const { unauthorized } = useOperatorSession();
  const list = useLoad(() => api.get<{ items: Incident[] }>('/api/operator/incidents'), [], unauthorized);
  const tenants = useLoad(() => api.get<{ items: Tenant[] }>('/api/operator/tenants'), [], unauthorized);
  const submit = useSubmit(unauthorized);
  const [severity, setSeverity] = useState<Severity>('major');
  const [allTenants, setAll] = useState(true);
  const [tenantIds, setTenantIds] = useState<string[]>([]);
  const [text, setText] = useState(EMPTY);
  const [startedAt, setStartedAt] = useState(nowJstLocal);
  const field = (k: keyof typeof EMPTY) => ({
    value: text[k],
    onChange: (e: { target: { value: string } }) => setText((x) => ({ ...x, [k]: e.target.value })),
  });
  const onDeclare = submit.handle(async () => {
    await api.post('/api/operator/incidents', {
      severity,
      allTenants,
      tenantIds,
      ...text,
      startedAt: jst(startedAt),
    });
    setText(EMPTY);
    list.reload();
  });
  return (
    <div className="page page-medium">
      <h1 className="page-title">{t('desk.incidents.title')}</h1>
      <form className="card card-padded form" onSubmit={onDeclare} noValidate data-testid="incident-form">
        <h2 className="section-title">{t('desk.incidents.declare')}</h2>
        {submit.error !== undefined && <ErrorAlert error={submit.error} />}
        <Field name="severity" label={t('desk.incidents.severity')} required>
          {(c) => (
            <select {...c} value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {t(`desk.severity.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="fieldset" data-testid="incident-tenants">
          <legend>{t('desk.incidents.affected')}</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={allTenants}
              onChange={(e) => setAll(e.target.checked)}
              data-testid="incident-all"
            />{' '}
            {t('desk.incidents.all')}
          </label>
          {!allTenants &&
            (tenants.data?.items ?? []).map((x) => (
              <label key={x.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={tenantIds.includes(x.id)}
                  data-testid={`incident-tenant-${x.slug}`}
                  onChange={(e) =>
                    setTenantIds((ids) => (e.target.checked ? [...ids, x.id] : ids.filter((i) => i !== x.id)))
                  }
                />{' '}
                {x.displayName}
              </label>
            ))}
        </fieldset>
        <Field name="titleJa" label={t('desk.incidents.titleJa')} required>
          {(c) => <input {...c} {...field('titleJa')} />}
        </Field>
        <Field name="titleEn" label={t('desk.incidents.titleEn')} required>
          {(c) => <input {...c} {...field('titleEn')} />}
        </Field>
        <Field name="descriptionJa" label={t('desk.incidents.descriptionJa')} required>
          {(c) => <textarea {...c} rows={3} {...field('descriptionJa')} />}
        </Field>
        <Field name="descriptionEn" label={t('desk.incidents.descriptionEn')} required>
          {(c) => <textarea {...c} rows={3} {...field('descriptionEn')} />}
        </Field>
        <Field name="startedAt" label={t('desk.incidents.startedAt')} required>
          {(c) => (
            <input
              {...c}
              type="datetime-local"
              value={startedAt}
              onChange={(e) => setStartedAt(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="incident-submit"
          >
            {t('desk.incidents.submit')}
          </button>
        </div>
      </form>
      {!list.data ? (
        <Loading />
      ) : (
        <div className="stack" data-testid="incident-list">
          {list.data.items.map((i) => (
            <div key={i.id}>
              <IncidentView incident={i} />
              {!i.resolvedAt && <UpdateForm id={i.id} onDone={list.reload} />}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

function UpdateForm({ id, onDone }: { id: string; onDone: () => void }) {
  const { t } = useI18n();
  const { unauthorized } = useOperatorSession();
  const submit = useSubmit(unauthorized);
  const [bodyJa, setJa] = useState('');
  const [bodyEn, setEn] = useState('');
  const [resolve, setResolve] = useState(false);
  const onSubmit = submit.handle(async () => {
    await api.post(`/api/operator/incidents/${id}/updates`, { bodyJa, bodyEn, resolve });
    setJa('');
    setEn('');
    onDone();
  });
  return (
    <form className="card card-padded form" onSubmit={onSubmit} noValidate data-testid="incident-update-form">
      <h3>{t('desk.incidents.postUpdate')}</h3>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      <Field name={`bodyJa-${id}`} label={t('desk.incidents.bodyJa')} required>
        {(c) => <textarea {...c} rows={2} value={bodyJa} onChange={(e) => setJa(e.target.value)} />}
      </Field>
      <Field name={`bodyEn-${id}`} label={t('desk.incidents.bodyEn')} required>
        {(c) => <textarea {...c} rows={2} value={bodyEn} onChange={(e) => setEn(e.target.value)} />}
      </Field>
      <label className="checkbox">
        <input type="checkbox" checked={resolve} onChange={(e) => setResolve(e.target.checked)} />{' '}
        {t('desk.incidents.resolve')}
      </label>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={submit.busy}>
          {t('desk.incidents.send')}
        </button>
      </div>
    </form>
  );
}
