import { CubeStore } from '../cubes/store.js';
import { lockGuard } from './lock-guard.js';
import { workflowGuard } from '../workflow/guard.js';

/**
 * The process's one `CubeStore` (it keys its caches and write queues by tenant database,
 * so tenants never share state). One server process owns a data folder.
 */
export const cubeStore = new CubeStore();
cubeStore.setGuard(async (db, cubeId, cube, changes) => {
  await lockGuard(db, cubeId, cube, changes);
  await workflowGuard(db, cubeId, cube, changes);
});

// The cell history and comments (budget entry) keep their coordinates when an element is deleted.
cubeStore.followCoordinates(['cell_history', 'cell_comments']);
