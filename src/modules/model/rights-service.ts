import { dimensionIdsOf } from './cube-service.js';
import { Type, type Static } from 'typebox';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { UserTable } from '../../platform/db/types.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { effective, listObjects } from './catalogue.js';
import { translated } from './errors.js';
import { cubeLevel, cubeRights, userGroups } from './rights.js';
import { cubeStore } from './store.js';
import { modelDb, type ModelDb } from './tables.js';

const AccessSchema = Type.Union([Type.Literal('read'), Type.Literal('write')]);
export const GroupRightsBody = Type.Object(
  {
    objects: Type.Array(Type.Object({ objectId: Type.String({ maxLength: 64 }), access: AccessSchema }), {
      maxItems: 1000,
    }),
    elements: Type.Array(
      Type.Object({
        dimensionId: Type.String({ maxLength: 64 }),
        element: Type.String({ maxLength: 64 }),
        access: AccessSchema,
      }),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type GroupRightsBody = Static<typeof GroupRightsBody>;

const EffectiveCube = Type.Object({
  cubeId: Type.String(),
  code: Type.String(),
  name: Type.Object({ ja: Type.String(), en: Type.String() }),
  access: Type.Union([Type.Literal('none'), AccessSchema]),
  /** Why: each group giving a right, with its element restrictions per dimension code. */
  via: Type.Array(
    Type.Object({
      groupId: Type.String(),
      groupName: Type.String(),
      access: AccessSchema,
      restrictions: Type.Record(
        Type.String(),
        Type.Array(Type.Object({ element: Type.String(), access: AccessSchema })),
      ),
    }),
  ),
});
export const EffectiveRightsResponse = Type.Object({
  userId: Type.String(),
  orgAdmin: Type.Boolean(),
  cubes: Type.Array(EffectiveCube),
  /** Forms and portals the user reaches (org admins: all), with the groups giving the right. */
  objects: Type.Array(
    Type.Object({
      objectId: Type.String(),
      kind: Type.Union([Type.Literal('form'), Type.Literal('portal')]),
      code: Type.String(),
      name: Type.Object({ ja: Type.String(), en: Type.String() }),
      access: AccessSchema,
      via: Type.Array(
        Type.Object({ groupId: Type.String(), groupName: Type.String(), access: AccessSchema }),
      ),
    }),
  ),
});
export type EffectiveRights = Static<typeof EffectiveRightsResponse>;

async function readGroupRights(db: ModelDb, groupId: string): Promise<GroupRightsBody> {
  const objects = await db
    .selectFrom('model_rights')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('object_id')
    .execute();
  const elements = await db
    .selectFrom('model_element_rights')
    .selectAll()
    .where('group_id', '=', groupId)
    .orderBy('dimension_id')
    .orderBy('element_code')
    .execute();
  return {
    objects: objects.map((o) => ({ objectId: o.object_id, access: o.access })),
    elements: elements.map((e) => ({
      dimensionId: e.dimension_id,
      element: e.element_code,
      access: e.access,
    })),
  };
}

async function liveGroup(db: ModelDb, groupId: string) {
  const g = await db.selectFrom('groups').select(['id', 'name']).where('id', '=', groupId).executeTakeFirst();
  if (!g) throw new AppError('GROUP_NOT_FOUND');
  return g;
}

export async function getGroupRights(ctx: TenantContext, groupId: string): Promise<GroupRightsBody> {
  const db = modelDb(ctx.db.kysely);
  await liveGroup(db, groupId);
  return readGroupRights(db, groupId);
}

/** Replaces a group's rights (objects and element restrictions), audited with before and after. */
export async function setGroupRights(
  deps: AppDeps,
  ctx: TenantContext,
  groupId: string,
  body: GroupRightsBody,
  actor: Actor,
): Promise<GroupRightsBody> {
  const issues: { path: string; code: string }[] = [];
  const kdb = modelDb(ctx.db.kysely);
  await liveGroup(kdb, groupId); // an unknown group (e.g. another tenant's id) is 404 before any check of the body
  for (const [i, o] of body.objects.entries()) {
    const found = await kdb
      .selectFrom('model_objects')
      .select('id')
      .where('id', '=', o.objectId)
      .executeTakeFirst();
    if (!found) issues.push({ path: `/objects/${i}/objectId`, code: 'unknown_object' });
  }
  for (const [i, e] of body.elements.entries()) {
    const dim = await translated(() => cubeStore.loadDimension(ctx.db, e.dimensionId)).catch(() => undefined);
    if (!dim) issues.push({ path: `/elements/${i}/dimensionId`, code: 'unknown_object' });
    else if (!dim.has(e.element)) issues.push({ path: `/elements/${i}/element`, code: 'unknown_element' });
  }
  const seen = new Set<string>();
  for (const [i, o] of body.objects.entries()) {
    if (seen.has(o.objectId)) issues.push({ path: `/objects/${i}/objectId`, code: 'duplicate_in_file' });
    seen.add(o.objectId);
  }
  for (const [i, e] of body.elements.entries()) {
    const k = `${e.dimensionId}\u0000${e.element}`;
    if (seen.has(k)) issues.push({ path: `/elements/${i}/element`, code: 'duplicate_in_file' });
    seen.add(k);
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const group = await liveGroup(db, groupId);
    const before = await readGroupRights(db, groupId);
    await db.deleteFrom('model_rights').where('group_id', '=', groupId).execute();
    await db.deleteFrom('model_element_rights').where('group_id', '=', groupId).execute();
    if (body.objects.length)
      await db
        .insertInto('model_rights')
        .values(body.objects.map((o) => ({ group_id: groupId, object_id: o.objectId, access: o.access })))
        .execute();
    if (body.elements.length)
      await db
        .insertInto('model_element_rights')
        .values(
          body.elements.map((e) => ({
            group_id: groupId,
            dimension_id: e.dimensionId,
            element_code: e.element,
            access: e.access,
          })),
        )
        .execute();
    const after = await readGroupRights(db, groupId);
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.rights.update',
        target: { type: 'group', id: groupId, label: group.name },
        summary: { from: before, to: after },
      },
      deps.clock,
    );
    return after;
  });
}

/** What a user can see and change on each cube, and through which groups (org admins: everything). */
export async function effectiveRights(ctx: TenantContext, userId: string): Promise<EffectiveRights> {
  const db = modelDb(ctx.db.kysely);
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .where('status', '<>', 'deleted')
    .executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND');
  const cubes: EffectiveRights['cubes'] = [];
  for (const row of await listObjects(db, { kind: 'cube' })) {
    const cube = await translated(() => cubeStore.loadCube(ctx.db, row.id));
    const rights = await cubeRights(db, user, row.id, cube, await dimensionIdsOf(db, row.id));
    const lv = cubeLevel(rights);
    const e = effective(row);
    cubes.push({
      cubeId: row.id,
      code: row.code,
      name: { ja: e.nameJa, en: e.nameEn },
      access: lv === 2 ? 'write' : lv === 1 ? 'read' : 'none',
      via: rights.groups.map((g) => ({
        groupId: g.groupId,
        groupName: g.groupName,
        access: g.access,
        restrictions: Object.fromEntries(g.grants),
      })),
    });
  }
  return { userId, orgAdmin: user.is_org_admin === 1, cubes, objects: await effectiveObjects(db, user) };
}

/** Forms and portals: a right on the object itself (no element restrictions apply to them). */
async function effectiveObjects(db: ModelDb, user: UserTable): Promise<EffectiveRights['objects']> {
  const groups = await userGroups(db, user.id);
  const rights = groups.length
    ? await db
        .selectFrom('model_rights')
        .selectAll()
        .where(
          'group_id',
          'in',
          groups.map((g) => g.id),
        )
        .execute()
    : [];
  const out: EffectiveRights['objects'] = [];
  for (const kind of ['form', 'portal'] as const)
    for (const row of await listObjects(db, { kind })) {
      const via = rights
        .filter((r) => r.object_id === row.id)
        .map((r) => ({
          groupId: r.group_id,
          groupName: groups.find((g) => g.id === r.group_id)?.name ?? '',
          access: r.access,
        }));
      if (!user.is_org_admin && via.length === 0) continue;
      const e = effective(row);
      out.push({
        objectId: row.id,
        kind,
        code: row.code,
        name: { ja: e.nameJa, en: e.nameEn },
        access: user.is_org_admin || via.some((v) => v.access === 'write') ? 'write' : 'read',
        via,
      });
    }
  return out;
}
