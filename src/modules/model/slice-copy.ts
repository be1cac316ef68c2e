import type { Dimension } from '../../engine/index.js';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { objectTarget } from './catalogue.js';
import { cubeFor } from './cube-service.js';
import { translated } from './errors.js';
import { cellLevel } from './rights.js';
import { cubeStore } from './store.js';
import { modelDb } from './tables.js';
import { recordHistory } from '../entry/history-record.js';

export interface CopyInput {
  /** Dimension code whose slice is copied (e.g. `Scenario`). */
  dimension: string;
  /** Leaf element copied from (e.g. `BUDGET`) … */
  from: string;
  /** … to (e.g. `FORECAST`). The target slice becomes an exact copy (cells absent in the source are cleared). */
  to: string;
  /** Limits the copy: dimension code → elements (each with everything below it), e.g. `{ Period: ['FY2027-H2'] }`. */
  filter?: Record<string, string[]> | undefined;
}

/**
 * Versions (issue 7): makes the slice `dimension = to` a copy of `dimension = from` (within
 * `filter`), e.g. Forecast from Budget, in one write with its audit entry. Every changed target
 * cell must be writable by the user and its source readable, and no target may be locked — else
 * nothing is written.
 */
export async function copySlice(
  deps: Pick<AppDeps, 'clock'>,
  ctx: TenantContext,
  user: UserTable,
  cubeId: string,
  input: CopyInput,
  actor: Actor,
): Promise<{ changed: number }> {
  const { row, cube, rights } = await cubeFor(ctx, user, cubeId);
  if (input.from === input.to)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/to', code: 'same_as_from' }] });
  return translated(async () => {
    const d = cube.dimIndex(input.dimension);
    const src = (cube.dimensions[d] as Dimension).id(input.from);
    let count = 0;
    const result = await cubeStore.run(
      ctx.db,
      cubeId,
      (c) => {
        const cs = c.copy(input.dimension, input.from, input.to, input.filter ?? {});
        count = cs.length;
        if (rights.admin) return cs;
        const nd = cs.dims;
        for (let i = 0; i < cs.length; i++) {
          const ids = cs.coords.slice(i * nd, i * nd + nd);
          if (cellLevel(rights, c, ids) < 2)
            throw new AppError('FORBIDDEN', { issues: [{ path: '/to', code: 'no_write_right' }] });
          ids[d] = src;
          if (cellLevel(rights, c, ids) < 1)
            throw new AppError('FORBIDDEN', { issues: [{ path: '/from', code: 'no_read_right' }] });
        }
        return cs;
      },
      async (trx, changes) => {
        await recordHistory(trx, { cubeId, userId: user.id, source: 'copy', at: deps.clock() }, changes);
        await modelDb(trx)
          .updateTable('model_objects')
          .set({ updated_at: deps.clock().toISOString() })
          .where('id', '=', cubeId)
          .execute();
        await appendAudit(
          { db: trx },
          actor,
          {
            kind: 'operation',
            action: 'model.cube.copy',
            target: objectTarget(row),
            summary: { ...input, filter: input.filter ?? {}, count },
          },
          deps.clock,
        );
      },
    );
    return { changed: result.changed };
  });
}
