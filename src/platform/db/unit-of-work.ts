import type { Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * One transaction and what must happen once it has committed (e.g. waking the
 * job worker). Every change a person makes runs in one of these, together with
 * its audit entry and the jobs it causes.
 */
export interface Tx<DB> {
  readonly db: Transaction<DB>;
  afterCommit(fn: () => void | Promise<void>): void;
}

export type AfterCommitErrorHandler = (error: unknown) => void;

let onAfterCommitError: AfterCommitErrorHandler = () => undefined;
export function setAfterCommitErrorHandler(handler: AfterCommitErrorHandler): void {
  onAfterCommitError = handler;
}

export async function inTransaction<DB, T>(
  database: Database<DB>,
  work: (tx: Tx<DB>) => Promise<T>,
): Promise<T> {
  const hooks: (() => void | Promise<void>)[] = [];
  const result = await database.kysely
    .transaction()
    .execute((trx) => work({ db: trx, afterCommit: (fn) => hooks.push(fn) }));
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      onAfterCommitError(error);
    }
  }
  return result;
}
