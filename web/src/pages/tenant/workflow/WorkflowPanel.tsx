import { useState } from 'react';
import { api } from '../../../api/client.js';
import type { WorkflowAction, WorkflowEvent, WorkflowView } from '../../../api/workflow.js';
import { ErrorAlert } from '../../../components/Alert.js';
import { Field } from '../../../components/Field.js';
import { HelpLink } from '../../../components/HelpLink.js';
import { Loading } from '../../../components/Loading.js';
import { useI18n } from '../../../i18n/index.js';
import { useTenantSession } from '../../../layout/TenantLayout.js';
import { formatDateTime } from '../../../lib/format.js';
import { useLoad } from '../../../lib/useLoad.js';
import { useSubmit } from '../../../lib/useSubmit.js';

const TONES = { draft: 'gray', submitted: 'amber', approved: 'green' } as const;

/**
 * Each unit's (department's) state in a portal's workflow, with the steps the reader may take
 * (the server decides them per unit and checks them again), a comment box for return/reopen/submit,
 * and the history.
 */
export function WorkflowPanel({
  portalId,
  onChanged,
  hideWhenNone,
}: {
  portalId: string;
  onChanged?: () => void;
  /** On a portal page: nothing at all when the portal has no workflow. */
  hideWhenNone?: boolean;
}) {
  const { t, lang } = useI18n();
  const { apiBase, unauthorized } = useTenantSession();
  const url = `${apiBase}/workflow/portals/${encodeURIComponent(portalId)}`;
  const wf = useLoad(() => api.get<{ workflow: WorkflowView | null }>(url), [url], unauthorized);
  const events = useLoad(() => api.get<{ items: WorkflowEvent[] }>(`${url}/events`), [url], unauthorized);
  const submit = useSubmit(unauthorized);
  const [pending, setPending] = useState<{ element: string; action: WorkflowAction }>();
  const [comment, setComment] = useState('');
  const run = (element: string, action: WorkflowAction) =>
    submit.handle(async () => {
      await api.post(`${url}/units/${encodeURIComponent(element)}/${action}`, comment ? { comment } : {});
      setPending(undefined);
      setComment('');
      wf.reload();
      events.reload();
      onChanged?.();
    });
  if (wf.error) return <ErrorAlert error={wf.error} />;
  if (!wf.data) return <Loading />;
  const w = wf.data.workflow;
  if (!w) return hideWhenNone ? null : <p data-testid="wf-none">{t('workflow.none')}</p>;
  const nameOf = (el: string) => w.units.find((u) => u.element === el)?.name[lang] ?? el;
  return (
    <section className="card card-padded" aria-labelledby="wf-title" data-testid="workflow-panel">
      <h2 id="wf-title" className="section-title">
        {w.portal.name[lang]} — {t('workflow.title')} <HelpLink page="workflow" topic={t('workflow.title')} />
      </h2>
      <p className="muted">{t('workflow.lead', { cube: w.cube.name[lang] })}</p>
      {submit.error !== undefined && <ErrorAlert error={submit.error} />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('workflow.unit')}</th>
              <th scope="col">{t('workflow.state')}</th>
              <th scope="col" className="hide-narrow">
                {t('workflow.approvers')}
              </th>
              <th scope="col" className="hide-narrow">
                {t('workflow.lastChange')}
              </th>
              <th scope="col">{t('workflow.comment')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('workflow.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {w.units.map((u) => (
              <tr key={u.element} data-testid={`wf-unit-${u.element}`}>
                <td>{u.name[lang]}</td>
                <td>
                  <span
                    className={`badge badge-${TONES[u.state]}`}
                    data-testid={`wf-state-${u.element}`}
                    data-state={u.state}
                  >
                    {t(`workflow.states.${u.state}`)}
                  </span>
                </td>
                <td className="hide-narrow">{u.approverGroup?.name ?? t('workflow.orgAdmins')}</td>
                <td className="hide-narrow">
                  {u.changedBy ?? '—'} · {formatDateTime(u.changedAt)}
                </td>
                <td>{u.comment}</td>
                <td>
                  <div className="button-row">
                    {u.actions.map((a) => (
                      <button
                        key={a}
                        type="button"
                        className={
                          a === 'approve' || a === 'submit'
                            ? 'button button-primary button-small'
                            : 'button button-small'
                        }
                        onClick={() => {
                          setPending({ element: u.element, action: a });
                          setComment('');
                        }}
                        data-testid={`wf-${a}-${u.element}`}
                      >
                        {t(`workflow.do.${a}`)}
                      </button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pending && (
        <form
          className="form"
          onSubmit={run(pending.element, pending.action)}
          noValidate
          data-testid="wf-confirm-form"
        >
          <p>
            <strong>{t(`workflow.do.${pending.action}`)}</strong>: {nameOf(pending.element)}
          </p>
          <Field
            name="wfComment"
            label={pending.action === 'return' ? t('workflow.commentRequired') : t('workflow.comment')}
            error={submit.fieldErrors['comment']}
            required={pending.action === 'return'}
          >
            {(c) => <textarea {...c} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />}
          </Field>
          <div className="form-actions">
            <button
              type="submit"
              className="button button-primary"
              disabled={submit.busy}
              data-testid="wf-confirm"
            >
              {t(`workflow.do.${pending.action}`)}
            </button>
            <button type="button" className="button" onClick={() => setPending(undefined)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      <h3 className="section-title">{t('workflow.history')}</h3>
      {events.data?.items.length === 0 ? (
        <p>{t('workflow.noHistory')}</p>
      ) : (
        <ul className="row-list" data-testid="wf-history">
          {events.data?.items.map((e, i) => (
            <li key={i}>
              {formatDateTime(e.at)} · {nameOf(e.element)} · {t(`workflow.done.${e.action}`)} · {e.by ?? '—'}
              {e.comment && <> — {e.comment}</>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
