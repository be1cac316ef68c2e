import { CompiledQuery, type Compilable, type Kysely, type Transaction } from 'kysely';

/**
 * Multi-row statements without building a query tree per chunk: the SQL of a chunk of `n` rows
 * is compiled by Kysely ONCE (per statement, size and dialect — placeholders differ) from
 * placeholder rows, then run with the real parameters, filled one chunk at a time (so a write of a
 * million rows never holds a million parameter objects). For an actuals import this removes
 * Kysely's per-row compile and value parsing, which otherwise cost about as much as the database's
 * own work. Parameters stay bound (never inlined), so every double is stored bit for bit.
 */
const cache = new Map<string, string>();

export async function runChunked<DB>(
  trx: Transaction<DB> | Kysely<DB>,
  /** Identifies the statement shape (table, columns, conflict clause). */
  name: string,
  /** Builds the statement for `count` placeholder rows (any values of the right types). */
  build: (count: number) => Compilable,
  columns: number,
  rows: number,
  /** Writes row `i`'s `columns` parameters into `out` from index `at`. */
  fill: (i: number, out: unknown[], at: number) => void,
  chunk: number,
): Promise<void> {
  if (rows === 0) return;
  // The dialect's placeholder style is part of the key (a process may hold both databases).
  const dialect = build(1).compile().sql;
  for (let start = 0; start < rows; start += chunk) {
    const n = Math.min(chunk, rows - start);
    const key = `${name}:${n}:${dialect}`;
    let text = cache.get(key);
    if (text === undefined) {
      text = build(n).compile().sql;
      cache.set(key, text);
    }
    const params: unknown[] = new Array(n * columns);
    for (let i = 0; i < n; i++) fill(start + i, params, i * columns);
    await trx.executeQuery(CompiledQuery.raw(text, params));
  }
}
