import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { MaintenanceWindow } from '../../../api/ops.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useOperatorSession } from '../../../layout/OperatorLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { usePageTitle } from '../../../lib/usePageTitle.js';
import { useSubmit } from '../../../lib/useSubmit.js';
import { jst, nowJstLocal } from './Incidents.js';

interface Availability {
  goal: number;
  months: {
    month: string;
    percent: number | null;
    goalMet: boolean | null;
    downMinutes: number;
    maintenanceMinutes: number;
  }[];
}

/** Schedule, end early or cancel maintenance windows; each month's availability against the goal. */
export function OperatorMaintenancePage() {
  const { t } = useI18n();
  usePageTitle(t('desk.maintenance.title'));
  const { unauthorized } = useOperatorSession();
  const list = useLoad(
    () => api.get<{ items: MaintenanceWindow[] }>('/api/operator/maintenance'),
    [],
    unauthorized,
  );
  const avail = useLoad(() => api.get<Availability>('/api/operator/availability?months=6'), [], unauthorized);
  const submit = useSubmit(unauthorized);
  const [form, setForm] = useState({ startsAt: '', endsAt: '', noticeJa: '', noticeEn: '' });
  const [month, setMonth] = useState(() => nowJstLocal().slice(0, 7));
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [k]: e.target.value }));

  const fill = submit.handle(async () => {
    const s = await api.get<{ startsAt: string; endsAt: string }>(
      `/api/operator/maintenance/third-sunday?month=${month}`,
    );
    setForm((f) => ({ ...f, startsAt: s.startsAt.slice(0, 16), endsAt: s.endsAt.slice(0, 16) }));
  });
  const onSchedule = submit.handle(async () => {
    await api.post('/api/operator/maintenance', {
      ...form,
      startsAt: jst(form.startsAt),
      endsAt: jst(form.endsAt),
    });
    setForm({ startsAt: '', endsAt: '', noticeJa: '', noticeEn: '' });
    list.reload();
  });
  const end = (id: string) =>
    submit.handle(async () => {
      await api.post(`/api/operator/maintenance/${id}/end`);
      list.reload();
      avail.reload();
    });

  return (
    <div className="page page-medium">
      <h1 className="page-title">{t('desk.maintenance.title')}</h1>
      <p className="page-lead">{t('desk.maintenance.lead')}</p>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      <form className="card card-padded form" onSubmit={onSchedule} noValidate data-testid="maintenance-form">
        <h2 className="section-title">{t('desk.maintenance.schedule')}</h2>
        <div className="form-row">
          <label>
            {t('desk.maintenance.thirdSunday')}{' '}
            <input
              type="month"
              value={month}
              onChange={(e) => setMonth(e.target.value)}
              data-testid="third-sunday-month"
            />
          </label>
          <button
            type="button"
            className="button button-secondary"
            onClick={fill}
            data-testid="third-sunday-fill"
          >
            {t('desk.maintenance.fill')}
          </button>
        </div>
        <div className="form-row">
          <Field name="startsAt" label={t('desk.maintenance.startsAt')} required>
            {(c) => <input {...c} type="datetime-local" value={form.startsAt} onChange={set('startsAt')} />}
          </Field>
          <Field name="endsAt" label={t('desk.maintenance.endsAt')} required>
            {(c) => <input {...c} type="datetime-local" value={form.endsAt} onChange={set('endsAt')} />}
          </Field>
        </div>
        <Field name="noticeJa" label={t('desk.maintenance.noticeJa')} required>
          {(c) => <textarea {...c} rows={2} value={form.noticeJa} onChange={set('noticeJa')} />}
        </Field>
        <Field name="noticeEn" label={t('desk.maintenance.noticeEn')} required>
          {(c) => <textarea {...c} rows={2} value={form.noticeEn} onChange={set('noticeEn')} />}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={submit.busy}
            data-testid="maintenance-submit"
          >
            {t('desk.maintenance.submit')}
          </button>
        </div>
      </form>
      {!list.data ? (
        <Loading />
      ) : list.data.items.length === 0 ? (
        <div className="card empty">
          <p>{t('desk.maintenance.empty')}</p>
        </div>
      ) : (
        <div className="card table-wrap">
          <table className="table" data-testid="maintenance-table">
            <tbody>
              {list.data.items.map((w) => (
                <tr key={w.id}>
                  <td>
                    {formatDateTime(w.startsAt)} – {formatDateTime(w.endsAt)}
                  </td>
                  <td>{w.active ? t('desk.maintenance.active') : t(`desk.maintenance.${w.status}`)}</td>
                  <td>{w.noticeJa}</td>
                  <td>
                    {w.status === 'scheduled' && (
                      <button
                        type="button"
                        className="button button-small button-danger-outline"
                        onClick={end(w.id)}
                        data-testid="maintenance-end"
                      >
                        {w.active ? t('desk.maintenance.end') : t('desk.maintenance.cancel')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="section-title">{t('desk.maintenance.availability')}</h2>
      {avail.data && (
        <>
          <p className="page-lead">{t('desk.maintenance.availabilityLead', { goal: avail.data.goal })}</p>
          <div className="card table-wrap">
            <table className="table" data-testid="availability-table">
              <thead>
                <tr>
                  <th scope="col">{t('desk.maintenance.month')}</th>
                  <th scope="col">{t('desk.maintenance.percent')}</th>
                  <th scope="col">{t('desk.maintenance.down')}</th>
                  <th scope="col">{t('desk.maintenance.excluded')}</th>
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {avail.data.months.map((m) => (
                  <tr key={m.month}>
                    <td>{m.month}</td>
                    <td>{m.percent === null ? '—' : `${m.percent.toFixed(3)} %`}</td>
                    <td>{m.downMinutes}</td>
                    <td>{m.maintenanceMinutes}</td>
                    <td>
                      {m.goalMet === null ? (
                        t('desk.maintenance.notMeasured')
                      ) : (
                        <span className={`badge ${m.goalMet ? 'badge-green' : 'badge-red'}`}>
                          {m.goalMet ? t('desk.maintenance.goalMet') : t('desk.maintenance.goalMissed')}
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
