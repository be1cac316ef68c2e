import { Type, type Static } from 'typebox';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translateDynamic } from '../../platform/i18n/translate.js';
import type { TenantContext, AppDeps } from '../../platform/server/context.js';
import { effective, listObjects, objectById, objectTarget, presentObject } from './catalogue.js';
import { level, userGroups, type Level } from './rights.js';
import { ModelObjectView } from './schemas.js';
import { modelDb, type ModelDb } from './tables.js';

/**
 * Rights per model object (§9), seen from the object: which groups read or write one cube,
 * form or portal. The same `model_rights` rows as the per-group API (rights-service.ts), so a
 * change either way shows in both and takes effect on the next request.
 */
const AccessSchema = Type.Union([Type.Literal('read'), Type.Literal('write')]);

export const ObjectRightsBody = Type.Object(
  {
    groups: Type.Array(
      Type.Object(
        { groupId: Type.String({ maxLength: 64 }), access: AccessSchema },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type ObjectRightsBody = Static<typeof ObjectRightsBody>;

export const ObjectRightsResponse = Type.Object({
  object: ModelObjectView,
  groups: Type.Array(Type.Object({ groupId: Type.String(), groupName: Type.String(), access: AccessSchema })),
});
export type ObjectRights = Static<typeof ObjectRightsResponse>;

/** A user's best access to one object over their groups (org admins: write). */
export async function objectLevel(db: ModelDb, user: UserTable, objectId: string): Promise<Level> {
  if (user.is_org_admin) return 2;
  const groups = await userGroups(db, user.id);
  if (groups.length === 0) return 0;
  const rows = await db
    .selectFrom('model_rights')
    .select('access')
    .where('object_id', '=', objectId)
    .where(
      'group_id',
      'in',
      groups.map((g) => g.id),
    )
    .execute();
  return rows.reduce<Level>((m, r) => Math.max(m, level(r.access)) as Level, 0);
}

/** Ids of objects the user's groups reach (read or write); org admins are not asked. */
export async function readableObjectIds(db: ModelDb, user: UserTable): Promise<Set<string>> {
  const groups = await userGroups(db, user.id);
  if (groups.length === 0) return new Set();
  const rows = await db
    .selectFrom('model_rights')
    .select('object_id')
    .where(
      'group_id',
      'in',
      groups.map((g) => g.id),
    )
    .execute();
  return new Set(rows.map((r) => r.object_id));
}

async function readObjectRights(db: ModelDb, objectId: string) {
  return db
    .selectFrom('model_rights as r')
    .innerJoin('groups as g', 'g.id', 'r.group_id')
    .select(['r.group_id as groupId', 'g.name as groupName', 'r.access as access'])
    .where('r.object_id', '=', objectId)
    .orderBy('g.name')
    .execute();
}

/** Dimensions carry no object right of their own (element rights restrict them instead). */
async function rightsObject(db: ModelDb, id: string) {
  const row = await objectById(db, id);
  if (row.kind === 'dimension') throw new AppError('MODEL_OBJECT_NOT_FOUND');
  return row;
}

export async function getObjectRights(ctx: TenantContext, id: string): Promise<ObjectRights> {
  const db = modelDb(ctx.db.kysely);
  const row = await rightsObject(db, id);
  return { object: presentObject(row, ctx.tenant.time_zone), groups: await readObjectRights(db, id) };
}

/**
 * Replaces which groups read / write one object (groups not listed lose their right on it),
 * audited `model.rights.object` with before and after. Unknown groups: VALIDATION_FAILED, nothing changed.
 */
export async function setObjectRights(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  body: ObjectRightsBody,
  actor: Actor,
  locale: Locale,
): Promise<ObjectRights> {
  return inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const row = await rightsObject(db, id);
    const issues: { path: string; code: string; message: string }[] = [];
    const seen = new Set<string>();
    for (const [i, g] of body.groups.entries()) {
      const found = await db.selectFrom('groups').select('id').where('id', '=', g.groupId).executeTakeFirst();
      const path = `/groups/${i}/groupId`;
      if (!found)
        issues.push({
          path,
          code: 'unknown_group_id',
          message: translateDynamic(locale, 'fields.unknown_group_id'),
        });
      else if (seen.has(g.groupId))
        issues.push({
          path,
          code: 'duplicate_in_file',
          message: translateDynamic(locale, 'fields.duplicate_in_file'),
        });
      seen.add(g.groupId);
    }
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    const before = await readObjectRights(db, id);
    await db.deleteFrom('model_rights').where('object_id', '=', id).execute();
    if (body.groups.length)
      await db
        .insertInto('model_rights')
        .values(body.groups.map((g) => ({ group_id: g.groupId, object_id: id, access: g.access })))
        .execute();
    const after = await readObjectRights(db, id);
    const brief = (rs: typeof after) =>
      rs.map((r) => ({ group: r.groupName, groupId: r.groupId, access: r.access }));
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.rights.object',
        target: objectTarget(row),
        summary: { from: brief(before), to: brief(after) },
      },
      deps.clock,
    );
    return { object: presentObject(row, ctx.tenant.time_zone), groups: after };
  });
}

export const EffectiveObjectsResponse = Type.Object({
  userId: Type.String(),
  orgAdmin: Type.Boolean(),
  objects: Type.Array(
    Type.Object({
      objectId: Type.String(),
      kind: Type.Union([Type.Literal('cube'), Type.Literal('form'), Type.Literal('portal')]),
      code: Type.String(),
      name: Type.Object({ ja: Type.String(), en: Type.String() }),
      access: Type.Union([Type.Literal('none'), AccessSchema]),
      /** Each of the user's groups giving a right on the object. */
      via: Type.Array(
        Type.Object({ groupId: Type.String(), groupName: Type.String(), access: AccessSchema }),
      ),
    }),
  ),
});
export type EffectiveObjects = Static<typeof EffectiveObjectsResponse>;

/** What a user may open among forms and portals (and cubes, object level), and through which groups. */
export async function effectiveObjectRights(ctx: TenantContext, userId: string): Promise<EffectiveObjects> {
  const db = modelDb(ctx.db.kysely);
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .where('status', '<>', 'deleted')
    .executeTakeFirst();
  if (!user) throw new AppError('USER_NOT_FOUND');
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
  const objects: EffectiveObjects['objects'] = [];
  for (const row of await listObjects(db, {})) {
    if (row.kind === 'dimension') continue;
    const via = rights
      .filter((r) => r.object_id === row.id)
      .map((r) => ({
        groupId: r.group_id,
        groupName: groups.find((g) => g.id === r.group_id)?.name ?? '',
        access: r.access,
      }));
    const lv = user.is_org_admin ? 2 : via.reduce<Level>((m, v) => Math.max(m, level(v.access)) as Level, 0);
    const e = effective(row);
    objects.push({
      objectId: row.id,
      kind: row.kind,
      code: row.code,
      name: { ja: e.nameJa, en: e.nameEn },
      access: lv === 2 ? 'write' : lv === 1 ? 'read' : 'none',
      via,
    });
  }
  return { userId, orgAdmin: user.is_org_admin === 1, objects };
}
