import type { Cube, Dimension } from '../../engine/index.js';
import type { UserTable } from '../../platform/db/types.js';
import { modelDb, type Access, type ModelDb } from './tables.js';

/**
 * Access rights on the model (§9), computed from the database on every request (so a change
 * takes effect on the next one):
 *
 * - A group has `read` or `write` on a cube (`model_rights`). Without either it sees nothing of it.
 * - On a dimension, a group may be restricted to chosen elements (`model_element_rights`): it then
 *   reaches only those elements **and their descendants**, with the access given there (capped by
 *   its cube access). Dimensions without a restriction are open to the group.
 * - A user's access to a cell is the best over their groups. Org admins reach everything.
 * - Consolidated cells: a total is readable only if its element is itself covered (a granted element
 *   or one of its descendants) — and then every leaf below it is covered too. A total some of whose
 *   leaves are hidden (e.g. 全社 for a user who may read only 営業部) is therefore answered as hidden
 *   (`null`), never as a partial sum that would let hidden figures be inferred.
 */
export type Level = 0 | 1 | 2; // none, read, write
export const level = (a: Access | undefined): Level => (a === 'write' ? 2 : a === 'read' ? 1 : 0);

export interface GroupRight {
  groupId: string;
  groupName: string;
  access: Access;
  /** Dimension code → element id → level, for dimensions this group is restricted on. */
  restricted: Map<string, Map<number, Level>>;
  /** For the effective-rights view: dimension code → granted element codes with access. */
  grants: Map<string, { element: string; access: Access }[]>;
}

export interface CubeRights {
  admin: boolean;
  groups: GroupRight[];
}

/** Element ids covered by granting `code`: itself and every descendant. */
export function covered(dim: Dimension, code: string): number[] {
  if (!dim.has(code)) return [];
  const out = new Set<number>();
  const stack = [dim.id(code)];
  while (stack.length) {
    const id = stack.pop() as number;
    if (out.has(id)) continue;
    out.add(id);
    for (const c of dim.children(id)) stack.push(c.id);
  }
  return [...out];
}

export async function userGroups(db: ModelDb, userId: string) {
  return db
    .selectFrom('group_members')
    .innerJoin('groups', 'groups.id', 'group_members.group_id')
    .select(['groups.id', 'groups.name'])
    .where('group_members.user_id', '=', userId)
    .execute();
}

/** The rights of `user` on one cube (dimension ids in the cube's order). */
export async function cubeRights(
  db: ModelDb,
  user: UserTable,
  cubeId: string,
  cube: Cube,
  dimensionIds: readonly string[],
): Promise<CubeRights> {
  if (user.is_org_admin) return { admin: true, groups: [] };
  const groups = await userGroups(db, user.id);
  if (groups.length === 0) return { admin: false, groups: [] };
  const ids = groups.map((g) => g.id);
  const rights = await db
    .selectFrom('model_rights')
    .selectAll()
    .where('object_id', '=', cubeId)
    .where('group_id', 'in', ids)
    .execute();
  const elementRights =
    dimensionIds.length === 0
      ? []
      : await db
          .selectFrom('model_element_rights')
          .selectAll()
          .where('group_id', 'in', ids)
          .where('dimension_id', 'in', [...dimensionIds])
          .execute();
  const out: GroupRight[] = [];
  for (const r of rights) {
    const g: GroupRight = {
      groupId: r.group_id,
      groupName: groups.find((x) => x.id === r.group_id)?.name ?? '',
      access: r.access,
      restricted: new Map(),
      grants: new Map(),
    };
    for (const er of elementRights.filter((e) => e.group_id === r.group_id)) {
      const d = dimensionIds.indexOf(er.dimension_id);
      const dim = cube.dimensions[d];
      if (!dim) continue;
      const map = g.restricted.get(dim.name) ?? new Map<number, Level>();
      const lv = level(er.access);
      for (const id of covered(dim, er.element_code)) map.set(id, Math.max(map.get(id) ?? 0, lv) as Level);
      g.restricted.set(dim.name, map);
      g.grants.set(dim.name, [
        ...(g.grants.get(dim.name) ?? []),
        { element: er.element_code, access: er.access },
      ]);
    }
    out.push(g);
  }
  return { admin: false, groups: out };
}

/** Best cube-level access over the user's groups. */
export function cubeLevel(r: CubeRights): Level {
  if (r.admin) return 2;
  return r.groups.reduce<Level>((m, g) => Math.max(m, level(g.access)) as Level, 0);
}

/** A user's access to one cell, given element ids in the cube's dimension order. */
export function cellLevel(r: CubeRights, cube: Cube, ids: ArrayLike<number>): Level {
  if (r.admin) return 2;
  let best: Level = 0;
  for (const g of r.groups) {
    let lv = level(g.access);
    for (const [name, map] of g.restricted) {
      const d = cube.dimIndex(name);
      lv = Math.min(lv, map.get(ids[d] ?? -1) ?? 0) as Level;
      if (lv === 0) break;
    }
    if (lv > best) best = lv;
    if (best === 2) break;
  }
  return best;
}

export const dbOf = modelDb;
