import { AppError } from '../errors/app-error.js';

/**
 * Bounded work per request (issue 21 point 1). A grid, form, report or export request covering
 * more cells (rows × columns) than `YOSAN_MAX_CELLS_PER_REQUEST` is refused before any work with
 * 400 `TOO_MANY_CELLS`; and the heavy reads of one user run one at a time, so one planner firing
 * the largest allowed requests in parallel holds at most one of them on the event loop.
 */
export function checkCellBudget(cells: number, max: number | undefined): void {
  if (max !== undefined && cells > max)
    throw new AppError('TOO_MANY_CELLS', {
      params: { cells: cells.toLocaleString('en-US'), max: max.toLocaleString('en-US') },
    });
}

const chains = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier work of the same key has ended (fulfilled or not). */
export function oneAtATime<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.then(
    () => undefined,
    () => undefined,
  );
  chains.set(key, tail);
  void tail.then(() => {
    if (chains.get(key) === tail) chains.delete(key);
  });
  return next;
}

/** Keys waiting or running (for tests and the status page). */
export const heavyReadKeys = (): number => chains.size;
