import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { effective, objectById } from '../model/catalogue.js';
import { mailFromTenant } from '../support/notify.js';
import { getWorkflow, loadWorkflow, TRANSITIONS } from './service.js';
import type { UnitView } from './schemas.js';
import { workflowDb, type WorkflowAction } from './tables.js';

const TEMPLATES = {
  submit: 'workflowSubmitted',
  approve: 'workflowApproved',
  return: 'workflowReturned',
  reopen: 'workflowReopened',
} as const;

/**
 * One step of a unit's workflow: checked against what the reader may do now (`actions` of the
 * unit view), applied only if the unit is still in the state it was read in, with its history
 * row, its audit entry and its mails (approvers on submit; the submitter on approve, return and
 * reopen) in one transaction. A return needs a comment.
 */
export async function transition(
  deps: AppDeps,
  ctx: TenantContext,
  user: UserTable,
  portalId: string,
  element: string,
  action: WorkflowAction,
  comment: string,
  actor: Actor,
): Promise<void> {
  const view = await getWorkflow(ctx, user, portalId);
  if (!view) throw new AppError('WORKFLOW_NOT_SET_UP');
  const unit: UnitView | undefined = view.units.find((u) => u.element === element);
  if (!unit) throw new AppError('NOT_FOUND');
  if (!unit.actions.includes(action)) {
    const possible = TRANSITIONS[action].from.includes(unit.state);
    throw possible
      ? new AppError('FORBIDDEN')
      : new AppError('WORKFLOW_TRANSITION_INVALID', { params: { state: unit.state } });
  }
  const text = comment.normalize('NFC').trim();
  if (action === 'return' && !text)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/comment', code: 'required' }] });
  const to = TRANSITIONS[action].to;
  const now = deps.clock().toISOString();
  const db = workflowDb(ctx.db.kysely);
  const portal = await objectById(db, portalId, 'portal');
  await inTransaction(ctx.db, async (tx) => {
    const t = workflowDb(tx.db);
    const r = await t
      .updateTable('workflow_units')
      .set({
        state: to,
        comment: text,
        changed_by: user.id,
        changed_at: now,
        ...(action === 'submit' ? { submitted_by: user.id } : {}),
      })
      .where('portal_id', '=', portalId)
      .where('element', '=', element)
      .where('state', '=', unit.state)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1)
      throw new AppError('WORKFLOW_TRANSITION_INVALID', { params: { state: unit.state } });
    await t
      .insertInto('workflow_events')
      .values({
        id: newId(),
        portal_id: portalId,
        element,
        action,
        from_state: unit.state,
        to_state: to,
        comment: text,
        user_id: user.id,
        at: now,
      })
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: `workflow.${action}`,
        target: { type: 'model.portal', id: portalId, label: portal.code },
        summary: { unit: element, from: unit.state, to, comment: text },
      },
      deps.clock,
    );
    const found = await loadWorkflow(t, portalId);
    const row = found?.units.find((u) => u.element === element);
    let recipients: Pick<UserTable, 'email' | 'locale'>[];
    if (action === 'submit') {
      recipients = row?.approver_group_id
        ? await t
            .selectFrom('group_members as m')
            .innerJoin('users as u', 'u.id', 'm.user_id')
            .select(['u.email', 'u.locale'])
            .where('m.group_id', '=', row.approver_group_id)
            .where('u.status', '=', 'active')
            .execute()
        : await t
            .selectFrom('users')
            .select(['email', 'locale'])
            .where('is_org_admin', '=', 1)
            .where('status', '=', 'active')
            .execute();
    } else {
      recipients = row?.submitted_by
        ? await t
            .selectFrom('users')
            .select(['email', 'locale'])
            .where('id', '=', row.submitted_by)
            .where('status', '=', 'active')
            .execute()
        : [];
    }
    const p = effective(portal);
    await mailFromTenant(
      deps,
      tx,
      ctx.tenant,
      recipients.filter((x) => x.email !== user.email),
      TEMPLATES[action],
      (rcp) => ({
        tenant: ctx.tenant.display_name,
        portal: rcp.locale === 'ja' ? p.nameJa : p.nameEn,
        unit: rcp.locale === 'ja' ? unit.name.ja : unit.name.en,
        by: user.display_name,
        comment: text,
        link: `${deps.config.publicUrl}/t/${ctx.tenant.slug}/portals/${encodeURIComponent(portalId)}`,
      }),
    );
  });
}

export async function history(ctx: TenantContext, user: UserTable, portalId: string, element?: string) {
  await getWorkflow(ctx, user, portalId); // 404 for readers who may not see it
  const db = workflowDb(ctx.db.kysely);
  let q = db
    .selectFrom('workflow_events as e')
    .leftJoin('users as u', 'u.id', 'e.user_id')
    .selectAll('e')
    .select('u.display_name as by_name')
    .where('e.portal_id', '=', portalId);
  if (element) q = q.where('e.element', '=', element);
  const rows = await q.orderBy('e.at', 'desc').orderBy('e.id').limit(500).execute();
  return rows;
}
