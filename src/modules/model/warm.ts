import type { AppDeps } from '../../platform/server/context.js';
import { cubeStore } from './store.js';
import { modelDb } from './tables.js';

/** What a warm-up did, for the log line and its test. */
export interface WarmResult {
  tenants: number;
  cubes: number;
  failed: number;
  ms: number;
}

/**
 * Loads every active tenant's cubes into the cube store's memory, one after the other, so the
 * first form opened after a restart is as fast as the next ones (a 1,000 × 24 form: the cold
 * load of its cube's cells is most of a first open). Runs in the background after the server
 * listens (`YOSAN_WARM_CUBES`); requests are served meanwhile — a request for a cube not loaded
 * yet loads it itself, through the same store queue. `stopped()` is asked between cubes so a
 * stopping server is not held up. A cube that fails to load is logged (code only) and skipped:
 * it will be loaded, or its error shown, on first use as before.
 */
export async function warmCubes(deps: AppDeps, stopped: () => boolean): Promise<WarmResult> {
  const started = Date.now();
  const result: WarmResult = { tenants: 0, cubes: 0, failed: 0, ms: 0 };
  const tenants = await deps.storage.control.kysely
    .selectFrom('tenants')
    .select(['id', 'slug'])
    .where('status', '=', 'active')
    .orderBy('slug')
    .execute();
  for (const t of tenants) {
    if (stopped()) break;
    try {
      const db = deps.storage.tenant(t.id);
      const cubes = await modelDb(db.kysely)
        .selectFrom('model_objects')
        .select('id')
        .where('kind', '=', 'cube')
        .orderBy('updated_at', 'desc')
        .execute();
      result.tenants++;
      for (const c of cubes) {
        if (stopped()) break;
        try {
          await cubeStore.loadCube(db, c.id);
          result.cubes++;
        } catch (error) {
          result.failed++;
          deps.logger.warn({ tenant: t.slug, cube: c.id, err: errorCode(error) }, 'Cube not warmed');
        }
      }
    } catch (error) {
      deps.logger.warn({ tenant: t.slug, err: errorCode(error) }, 'Tenant cubes not warmed');
    }
  }
  result.ms = Date.now() - started;
  deps.logger.info(result, 'Cubes warmed');
  return result;
}

const errorCode = (error: unknown): string =>
  error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown';
