import type { Kysely } from 'kysely';
import type { AnyDb } from '../db/database.js';
import { newId } from '../crypto/tokens.js';
import type { AuditLogTable, AuditTables } from '../db/types.js';
import { ChainVerifier, entryHash, type ChainVerdict } from './chain.js';

/** Who did it and from where. */
export interface Actor {
  type: AuditLogTable['actor_type'];
  id: string | null;
  name: string | null;
  ip: string | null;
  userAgent: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: 'Yosan', ip: null, userAgent: null };

export interface AuditEntryInput {
  kind: AuditLogTable['kind'];
  action: string;
  target?: { type: string; id: string | null; label?: string | null };
  /** A short before/after summary. Never put secrets here. */
  summary?: Record<string, unknown>;
  result?: AuditLogTable['result'];
}

/** Control characters (newlines included) are replaced so no text can forge a line in a log or export. */
export function stripControl(text: string | null | undefined, max = 500): string | null {
  if (text === null || text === undefined) return null;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  // A cut inside a surrogate pair, or a lone surrogate, would be stored as U+FFFD while the hash
  // covers the original (a false tampering alarm): cut before the pair, replace lone ones.
  const cutsPair = /[\ud800-\udbff]/.test(clean.charAt(max - 1)) && /[\udc00-\udfff]/.test(clean.charAt(max));
  return clean
    .slice(0, cutsPair ? max - 1 : max)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function asAudit(db: AnyDb): Kysely<AuditTables> {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- narrows AnyDb to this module's tables
  return db as unknown as Kysely<AuditTables>;
}

/**
 * Appends one entry to the database's hash chain, inside the caller's
 * transaction (so the entry exists if and only if the change does). The head
 * row is bumped first: in PostgreSQL that row lock serialises concurrent appends.
 */
export async function appendAudit(
  tx: { db: AnyDb },
  actor: Actor,
  input: AuditEntryInput,
  clock: () => Date = () => new Date(),
): Promise<AuditLogTable> {
  const db = asAudit(tx.db);
  const head = await db
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  const base: Omit<AuditLogTable, 'hash'> = {
    seq,
    id: newId(),
    at: clock().toISOString(),
    kind: input.kind,
    actor_type: actor.type,
    actor_id: actor.id,
    actor_name: stripControl(actor.name, 200),
    ip: stripControl(actor.ip, 64),
    user_agent: stripControl(actor.userAgent, 300),
    action: input.action,
    target_type: input.target?.type ?? null,
    target_id: input.target?.id ?? null,
    target_label: stripControl(input.target?.label ?? null, 300),
    summary: JSON.stringify(input.summary ?? {}),
    result: input.result ?? 'success',
    prev_hash: head.hash,
  };
  const entry: AuditLogTable = { ...base, hash: entryHash(base) };
  await db.insertInto('audit_log').values(entry).execute();
  await db.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
  return entry;
}

/**
 * Recomputes the whole chain of one database in batches and names the first entry that fails.
 * The head is read after the entries; entries appended meanwhile are verified too before the
 * two are compared, so verifying a database in use raises no false alarm.
 */
export async function verifyAuditChain(kysely: AnyDb, batch = 5000): Promise<ChainVerdict> {
  const db = asAudit(kysely);
  const verifier = new ChainVerifier();
  const readHead = () =>
    db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(batch)
      .execute();
    for (const row of rows) {
      if (!verifier.feed(row)) return verifier.finish(await readHead());
    }
    if (rows.length > 0) after = Number(rows[rows.length - 1]!.seq);
    if (rows.length === batch) continue;
    const head = await readHead();
    if (Number(head.seq) <= after) return verifier.finish(head);
    const newer = await db
      .selectFrom('audit_log')
      .select('seq')
      .where('seq', '>', after)
      .limit(1)
      .executeTakeFirst();
    if (!newer) return verifier.finish(head);
  }
}
