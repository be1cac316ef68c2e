import type { ChangeSet, Cube } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { WriteGuard } from '../cubes/store.js';
import { covered } from './rights.js';
import { modelDb, type CubeLockTable, type ModelDb } from './tables.js';

/**
 * The lock check of every cube write (see locks.ts): installed as the cube store's write guard in
 * store.ts, so no write path (form, import, copy, spread, package) can miss it.
 */
const locksOf = (db: ModelDb, cubeId: string) =>
  db.selectFrom('cube_locks').selectAll().where('cube_id', '=', cubeId).orderBy('locked_at').execute();

/** `isLocked(ids)` for one cube, or `undefined` when nothing of it is locked. */
export function lockChecker(
  cube: Cube,
  locks: readonly Pick<CubeLockTable, 'dimension' | 'element'>[],
): ((ids: ArrayLike<number>) => CubeLockTable['element'] | undefined) | undefined {
  const sets: { d: number; ids: Set<number>; label: string }[] = [];
  for (const l of locks) {
    const d = cube.dimensions.findIndex((x) => x.name === l.dimension);
    const dim = cube.dimensions[d];
    if (!dim) continue;
    sets.push({ d, ids: new Set(covered(dim, l.element)), label: `${l.dimension}\u0000${l.element}` });
  }
  if (sets.length === 0) return undefined;
  return (ids) => sets.find((s) => s.ids.has(ids[s.d] ?? -1))?.label;
}

/** The lock checker of a cube as stored now (for screens that mark locked cells). */
export async function cubeLockChecker(db: ModelDb, cubeId: string, cube: Cube) {
  return lockChecker(cube, await locksOf(db, cubeId));
}

/** The cube store's write guard: any changed leaf under a locked element refuses the write. */
export const lockGuard: WriteGuard = async (db, cubeId, cube, changes: readonly ChangeSet[]) => {
  const check = lockChecker(cube, await locksOf(modelDb(db.kysely), cubeId));
  if (!check) return;
  for (const cs of changes) {
    const nd = cs.dims;
    for (let i = 0; i < cs.length; i++) {
      const hit = check(cs.coords.subarray(i * nd, i * nd + nd));
      if (hit !== undefined) {
        const [dimension = '', element = ''] = hit.split('\u0000');
        throw new AppError('CELL_LOCKED', { params: { dimension, element } });
      }
    }
  }
};
