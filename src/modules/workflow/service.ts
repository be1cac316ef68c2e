import { dimensionIdsOf } from '../model/cube-service.js';
import type { Cube, Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { effective, objectById } from '../model/catalogue.js';
import { elementName } from '../model/dimension-ops.js';
import { translated } from '../model/errors.js';
import { cubeRights, userGroups, type CubeRights } from '../model/rights.js';
import { cubeStore } from '../model/store.js';
import type { SetupBody, UnitView, WorkflowView } from './schemas.js';
import { workflowDb, type WorkflowAction, type WorkflowDb, type WorkflowUnitTable } from './tables.js';

/**
 * The approval workflow of a portal's planning process (issue 7): units (usually departments) go
 * draft → submitted → approved, or are returned to draft with a comment; an approver can reopen an
 * approved unit. Submitted and approved units are read-only to everyone (the cube store's write
 * guard, guard.ts). Who may do what:
 * - submit: org admins, or a user with a write right on the unit's element in the cube;
 * - approve, return, reopen: org admins, or members of the unit's approver group.
 */
export const TRANSITIONS: Record<
  WorkflowAction,
  { from: readonly string[]; to: WorkflowUnitTable['state'] }
> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'draft' },
  reopen: { from: ['approved'], to: 'draft' },
};

export async function loadWorkflow(db: WorkflowDb, portalId: string) {
  const wf = await db
    .selectFrom('workflows')
    .selectAll()
    .where('portal_id', '=', portalId)
    .executeTakeFirst();
  if (!wf) return undefined;
  const units = await db
    .selectFrom('workflow_units as u')
    .leftJoin('groups as g', 'g.id', 'u.approver_group_id')
    .leftJoin('users as c', 'c.id', 'u.changed_by')
    .selectAll('u')
    .select(['g.name as group_name', 'c.display_name as changed_by_name'])
    .where('u.portal_id', '=', portalId)
    .execute();
  return { wf, units };
}

/** A user with a write right on `element` of `dimension` (the whole element, as the rights grant it). */
export function mayWriteElement(rights: CubeRights, dim: Dimension, element: string): boolean {
  if (rights.admin) return true;
  if (!dim.has(element)) return false;
  const id = dim.id(element);
  return rights.groups.some((g) => {
    if (g.access !== 'write') return false;
    const map = g.restricted.get(dim.name);
    return !map || (map.get(id) ?? 0) >= 2;
  });
}

interface Reader {
  user: UserTable;
  groupIds: Set<string>;
}

async function reader(db: WorkflowDb, user: UserTable): Promise<Reader> {
  return { user, groupIds: new Set((await userGroups(db, user.id)).map((g) => g.id)) };
}

const isApprover = (r: Reader, u: Pick<WorkflowUnitTable, 'approver_group_id'>) =>
  r.user.is_org_admin === 1 || (u.approver_group_id !== null && r.groupIds.has(u.approver_group_id));

/** Org admins, groups with a right on the portal, and the workflow's approvers see the workflow. */
async function mayRead(db: WorkflowDb, r: Reader, portalId: string, units: readonly WorkflowUnitTable[]) {
  if (r.user.is_org_admin) return true;
  if (units.some((u) => isApprover(r, u))) return true;
  if (r.groupIds.size === 0) return false;
  const right = await db
    .selectFrom('model_rights')
    .select('group_id')
    .where('object_id', '=', portalId)
    .where('group_id', 'in', [...r.groupIds])
    .executeTakeFirst();
  return right !== undefined;
}

function actionsFor(r: Reader, rights: CubeRights, dim: Dimension, u: WorkflowUnitTable): WorkflowAction[] {
  const out: WorkflowAction[] = [];
  if (u.state === 'draft' && mayWriteElement(rights, dim, u.element)) out.push('submit');
  if (isApprover(r, u)) {
    if (u.state === 'submitted') out.push('approve', 'return');
    if (u.state === 'approved') out.push('reopen');
  }
  return out;
}

async function cubeAndRights(ctx: TenantContext, db: WorkflowDb, user: UserTable, cubeId: string) {
  const cube: Cube = await translated(() => cubeStore.loadCube(ctx.db, cubeId));
  const rights = await cubeRights(db, user, cubeId, cube, await dimensionIdsOf(db, cubeId));
  return { cube, rights };
}

/** The workflow of a portal as the reader sees it (`null`: none set up); 404 if the reader may not see it. */
export async function getWorkflow(
  ctx: TenantContext,
  user: UserTable,
  portalId: string,
): Promise<WorkflowView | null> {
  const db = workflowDb(ctx.db.kysely);
  const portal = await objectById(db, portalId, 'portal');
  const found = await loadWorkflow(db, portalId);
  const r = await reader(db, user);
  if (!(await mayRead(db, r, portalId, found?.units ?? []))) throw new AppError('MODEL_OBJECT_NOT_FOUND');
  if (!found) return null;
  const { wf, units } = found;
  const { cube, rights } = await cubeAndRights(ctx, db, user, wf.cube_id);
  const dim = cube.dimensions.find((d) => d.name === wf.dimension);
  const cubeRow = await objectById(db, wf.cube_id, 'cube');
  const e = effective(cubeRow);
  const order = dim ? new Map(dim.elements().map((id, i) => [dim.code(id), i])) : new Map<string, number>();
  const views: UnitView[] = [...units]
    .sort((a, b) => (order.get(a.element) ?? 0) - (order.get(b.element) ?? 0))
    .map((u) => ({
      element: u.element,
      name:
        dim && dim.has(u.element) ? elementName(dim, dim.id(u.element)) : { ja: u.element, en: u.element },
      state: u.state,
      approverGroup: u.approver_group_id ? { id: u.approver_group_id, name: u.group_name ?? '' } : null,
      comment: u.comment,
      changedBy: u.changed_by_name ?? null,
      changedAt: formatInZone(u.changed_at, ctx.tenant.time_zone),
      actions: dim ? actionsFor(r, rights, dim, u) : [],
    }));
  const p = effective(portal);
  return {
    portalId,
    portal: { code: portal.code, name: { ja: p.nameJa, en: p.nameEn } },
    cube: { id: cubeRow.id, code: cubeRow.code, name: { ja: e.nameJa, en: e.nameEn } },
    dimension: wf.dimension,
    slice: JSON.parse(wf.slice) as Record<string, string[]>,
    units: views,
  };
}

/**
 * Sets up (or changes) a portal's workflow. Units kept keep their state; new units start as
 * drafts; removed units are dropped with their history kept in the audit log.
 */
export async function setUpWorkflow(
  deps: Pick<AppDeps, 'clock'>,
  ctx: TenantContext,
  portalId: string,
  body: SetupBody,
  actor: Actor,
): Promise<void> {
  const db = workflowDb(ctx.db.kysely);
  const portal = await objectById(db, portalId, 'portal');
  const issues: { path: string; code: string }[] = [];
  const cubeRow = await db
    .selectFrom('model_objects')
    .select('id')
    .where('id', '=', body.cubeId)
    .where('kind', '=', 'cube')
    .executeTakeFirst();
  if (!cubeRow)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/cubeId', code: 'unknown_cube' }] });
  const cube = await translated(() => cubeStore.loadCube(ctx.db, body.cubeId));
  const dimOf = (name: string) => cube.dimensions.find((d) => d.name === name);
  const dim = dimOf(body.dimension);
  if (!dim) issues.push({ path: '/dimension', code: 'unknown_dimension' });
  const seen = new Set<string>();
  for (const [i, u] of body.units.entries()) {
    if (dim && !dim.has(u.element))
      issues.push({ path: `/units/${i}/element`, code: 'unknown_element_code' });
    if (seen.has(u.element)) issues.push({ path: `/units/${i}/element`, code: 'duplicate' });
    seen.add(u.element);
    if (u.approverGroupId !== null) {
      const g = await db
        .selectFrom('groups')
        .select('id')
        .where('id', '=', u.approverGroupId)
        .executeTakeFirst();
      if (!g) issues.push({ path: `/units/${i}/approverGroupId`, code: 'unknown_group_id' });
    }
  }
  for (const [name, elements] of Object.entries(body.slice)) {
    const sd = dimOf(name);
    if (!sd || name === body.dimension) {
      issues.push({ path: `/slice/${name}`, code: 'unknown_dimension' });
      continue;
    }
    for (const [i, e] of elements.entries())
      if (!sd.has(e)) issues.push({ path: `/slice/${name}/${i}`, code: 'unknown_element_code' });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  const now = deps.clock().toISOString();
  await inTransaction(ctx.db, async (tx) => {
    const t = workflowDb(tx.db);
    const wf = {
      cube_id: body.cubeId,
      dimension: body.dimension,
      slice: JSON.stringify(body.slice),
      updated_at: now,
    };
    const exists = await t
      .selectFrom('workflows')
      .select('portal_id')
      .where('portal_id', '=', portalId)
      .executeTakeFirst();
    if (exists) await t.updateTable('workflows').set(wf).where('portal_id', '=', portalId).execute();
    else
      await t
        .insertInto('workflows')
        .values({ portal_id: portalId, ...wf })
        .execute();
    const current = await t
      .selectFrom('workflow_units')
      .selectAll()
      .where('portal_id', '=', portalId)
      .execute();
    const keep = new Set(body.units.map((u) => u.element));
    const removed = current.filter((u) => !keep.has(u.element)).map((u) => u.element);
    if (removed.length)
      await t
        .deleteFrom('workflow_units')
        .where('portal_id', '=', portalId)
        .where('element', 'in', removed)
        .execute();
    for (const u of body.units) {
      if (current.some((c) => c.element === u.element)) {
        await t
          .updateTable('workflow_units')
          .set({ approver_group_id: u.approverGroupId })
          .where('portal_id', '=', portalId)
          .where('element', '=', u.element)
          .execute();
      } else {
        await t
          .insertInto('workflow_units')
          .values({
            portal_id: portalId,
            element: u.element,
            approver_group_id: u.approverGroupId,
            state: 'draft',
            comment: '',
            changed_by: actor.type === 'user' ? actor.id : null,
            changed_at: now,
            submitted_by: null,
          })
          .execute();
      }
    }
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'workflow.setup',
        target: { type: 'model.portal', id: portalId, label: portal.code },
        summary: { ...body, removed },
      },
      deps.clock,
    );
  });
}
