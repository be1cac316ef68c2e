import type { ChangeSet, Cube } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { WriteGuard } from '../cubes/store.js';
import { covered } from '../model/rights.js';
import type { WorkflowTable, WorkflowUnitTable } from './tables.js';
import { workflowDb } from './tables.js';

type Unit = Pick<WorkflowUnitTable, 'element' | 'state'>;

/**
 * `unitOf(ids)`: the submitted or approved unit a leaf cell belongs to, if any — the cell lies in
 * the workflow's slice and under the unit's element. `undefined` when nothing can be closed.
 */
export function closedUnitChecker(
  cube: Cube,
  workflows: readonly { wf: Pick<WorkflowTable, 'dimension' | 'slice'>; units: readonly Unit[] }[],
): ((ids: ArrayLike<number>) => Unit | undefined) | undefined {
  const checks: ((ids: ArrayLike<number>) => Unit | undefined)[] = [];
  for (const { wf, units } of workflows) {
    const closed = units.filter((u) => u.state !== 'draft');
    const d = cube.dimensions.findIndex((x) => x.name === wf.dimension);
    const dim = cube.dimensions[d];
    if (closed.length === 0 || !dim) continue;
    const byId = new Map<number, Unit>();
    for (const u of closed) for (const id of covered(dim, u.element)) byId.set(id, u);
    const slice: { d: number; ids: Set<number> }[] = [];
    for (const [name, elements] of Object.entries(JSON.parse(wf.slice) as Record<string, string[]>)) {
      const sd = cube.dimensions.findIndex((x) => x.name === name);
      const sdim = cube.dimensions[sd];
      if (!sdim) continue;
      slice.push({ d: sd, ids: new Set(elements.flatMap((e) => covered(sdim, e))) });
    }
    checks.push((ids) => {
      const u = byId.get(ids[d] ?? -1);
      if (!u) return undefined;
      return slice.every((s) => s.ids.has(ids[s.d] ?? -1)) ? u : undefined;
    });
  }
  if (checks.length === 0) return undefined;
  return (ids) => {
    for (const c of checks) {
      const u = c(ids);
      if (u) return u;
    }
    return undefined;
  };
}

/** Loads the workflows over one cube with their units. */
export async function workflowsOfCube(db: ReturnType<typeof workflowDb>, cubeId: string) {
  const wfs = await db.selectFrom('workflows').selectAll().where('cube_id', '=', cubeId).execute();
  if (wfs.length === 0) return [];
  const units = await db
    .selectFrom('workflow_units')
    .select(['portal_id', 'element', 'state'])
    .where(
      'portal_id',
      'in',
      wfs.map((w) => w.portal_id),
    )
    .execute();
  return wfs.map((wf) => ({ wf, units: units.filter((u) => u.portal_id === wf.portal_id) }));
}

/**
 * The cube store's write guard for the workflow: a submitted or approved unit is read-only to
 * everyone (org admins included) until its approver returns or reopens it.
 */
export const workflowGuard: WriteGuard = async (db, cubeId, cube, changes: readonly ChangeSet[]) => {
  const check = closedUnitChecker(cube, await workflowsOfCube(workflowDb(db.kysely), cubeId));
  if (!check) return;
  for (const cs of changes) {
    const nd = cs.dims;
    for (let i = 0; i < cs.length; i++) {
      const u = check(cs.coords.subarray(i * nd, i * nd + nd));
      if (u) throw new AppError('WORKFLOW_CLOSED', { params: { unit: u.element, state: u.state } });
    }
  }
};
