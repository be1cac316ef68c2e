import type { KeyObject } from 'node:crypto';
import { newId } from '../crypto/tokens.js';
import type { AnyDb } from '../db/database.js';
import type { Storage } from '../db/storage.js';
import { verifyAuditChain } from './audit-log.js';
import type { ChainProblem, ChainVerdict } from './chain.js';
import { checkpointDb, type CheckpointTable } from './evidence-tables.js';
import { signCanonical, verifyCanonical, type SigningKey } from './signing.js';

export const CONTROL_SCOPE = 'control';

export type CheckpointProblem =
  'checkpoint_signature_invalid' | 'checkpoint_hash_mismatch' | 'checkpoint_entry_missing';

export interface Failure {
  seq: number;
  id: string | null;
  problem: ChainProblem | CheckpointProblem;
  checkpointId?: string;
}

export interface ScopeVerdict {
  scope: string;
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  checkpointsChecked: number;
  firstFailure?: Failure;
}

/** What a checkpoint's signature covers. */
export function checkpointPayload(cp: CheckpointTable): Record<string, unknown> {
  return { id: cp.id, scope: cp.scope, seq: Number(cp.seq), hash: cp.hash, at: cp.at, keyId: cp.key_id };
}

/**
 * Records a signed checkpoint of one database's audit head in the control database,
 * unless the head has not moved since the last checkpoint of that scope.
 */
export async function writeCheckpoint(
  control: AnyDb,
  scope: string,
  db: AnyDb,
  key: SigningKey,
  now: Date,
): Promise<CheckpointTable | null> {
  const head = await checkpointDb(db)
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const seq = Number(head.seq);
  if (seq === 0) return null;
  const c = checkpointDb(control);
  const last = await c
    .selectFrom('audit_checkpoints')
    .select(['seq', 'hash'])
    .where('scope', '=', scope)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last && Number(last.seq) === seq && last.hash === head.hash) return null;
  const unsigned = { id: newId(), scope, seq, hash: head.hash, at: now.toISOString(), key_id: key.keyId };
  const cp: CheckpointTable = { ...unsigned, signature: '' };
  cp.signature = signCanonical(key, checkpointPayload(cp));
  await c.insertInto('audit_checkpoints').values(cp).execute();
  return cp;
}

/** Checkpoints of the control database and of every tenant database; returns how many were written. */
export async function writeAllCheckpoints(storage: Storage, key: SigningKey, now: Date): Promise<number> {
  const control = storage.control.kysely;
  let written = (await writeCheckpoint(control, CONTROL_SCOPE, control, key, now)) ? 1 : 0;
  const tenants = await control.selectFrom('tenants').select('id').where('status', '!=', 'closed').execute();
  for (const t of tenants) {
    if (await writeCheckpoint(control, t.id, storage.tenant(t.id).kysely, key, now)) written += 1;
  }
  return written;
}

async function checkCheckpoints(
  control: AnyDb,
  scope: string,
  db: AnyDb,
  publicKey: KeyObject,
  keyId: string,
  chain: ChainVerdict,
): Promise<{ checked: number; failures: Failure[] }> {
  const checkpoints = await checkpointDb(control)
    .selectFrom('audit_checkpoints')
    .selectAll()
    .where('scope', '=', scope)
    .orderBy('seq')
    .execute();
  const failures: Failure[] = [];
  for (const cp of checkpoints) {
    const seq = Number(cp.seq);
    const base = { checkpointId: cp.id };
    if (cp.key_id !== keyId || !verifyCanonical(publicKey, checkpointPayload(cp), cp.signature)) {
      failures.push({ ...base, seq, id: null, problem: 'checkpoint_signature_invalid' });
      continue;
    }
    const entry = await checkpointDb(db)
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!entry) {
      // The chain ends before the checkpoint: the first missing entry is the one after its head.
      const first = chain.ok ? Math.min(seq, chain.headSeq + 1) : seq;
      failures.push({ ...base, seq: first, id: null, problem: 'checkpoint_entry_missing' });
    } else if (entry.hash !== cp.hash) {
      failures.push({ ...base, seq, id: entry.id, problem: 'checkpoint_hash_mismatch' });
    }
  }
  return { checked: checkpoints.length, failures };
}

/**
 * Recomputes one audit chain and checks every checkpoint recorded for it: signature
 * valid, the entry at the checkpoint's seq still has that hash, the chain still reaches
 * that far. Names the first entry that fails.
 */
export async function verifyScope(
  control: AnyDb,
  scope: string,
  db: AnyDb,
  key: Pick<SigningKey, 'publicKey' | 'keyId'>,
): Promise<ScopeVerdict> {
  const chain = await verifyAuditChain(db);
  const { checked, failures } = await checkCheckpoints(control, scope, db, key.publicKey, key.keyId, chain);
  if (chain.firstBad) failures.unshift({ ...chain.firstBad });
  const [first] = [...failures].sort((a, b) => a.seq - b.seq);
  return {
    scope,
    ok: !first,
    entries: chain.entries,
    headSeq: chain.headSeq,
    headHash: chain.headHash,
    checkpointsChecked: checked,
    ...(first ? { firstFailure: first } : {}),
  };
}
