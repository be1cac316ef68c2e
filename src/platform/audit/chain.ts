import { sha256Hex } from '../crypto/tokens.js';
import type { AuditLogTable } from '../db/types.js';
import { canonicalJson } from './canonical.js';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields covered by the hash: everything but the hash itself. */
export type HashedFields = Omit<AuditLogTable, 'hash'>;

/** hash = SHA-256(previous hash ‖ canonical JSON of the entry without its hash). */
export function entryHash(entry: HashedFields): string {
  const fields: HashedFields = {
    seq: entry.seq,
    id: entry.id,
    at: entry.at,
    kind: entry.kind,
    actor_type: entry.actor_type,
    actor_id: entry.actor_id,
    actor_name: entry.actor_name,
    ip: entry.ip,
    user_agent: entry.user_agent,
    action: entry.action,
    target_type: entry.target_type,
    target_id: entry.target_id,
    target_label: entry.target_label,
    summary: entry.summary,
    result: entry.result,
    prev_hash: entry.prev_hash,
  };
  return sha256Hex(entry.prev_hash + canonicalJson(fields));
}

export type ChainProblem = 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' | 'head_mismatch';

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  headSeq: number;
  headHash: string;
  /** The first entry that fails, or the sequence where the break was seen. */
  firstBad?: { seq: number; id: string | null; problem: ChainProblem };
}

/**
 * Incremental verifier: feed entries in sequence order, then `finish` with the
 * recorded head. Detects changed entries (hash), deleted or inserted entries
 * (sequence and prev-hash links) and a truncated tail (head mismatch).
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private bad: ChainVerdict['firstBad'];

  feed(entry: AuditLogTable): boolean {
    if (this.bad) return false;
    const seq = Number(entry.seq);
    if (seq !== this.expectedSeq) {
      this.bad = { seq: this.expectedSeq, id: entry.id, problem: 'sequence_gap' };
      return false;
    }
    if (entry.prev_hash !== this.prevHash) {
      this.bad = { seq, id: entry.id, problem: 'prev_hash_mismatch' };
      return false;
    }
    if (entryHash({ ...entry, seq }) !== entry.hash) {
      this.bad = { seq, id: entry.id, problem: 'hash_mismatch' };
      return false;
    }
    this.prevHash = entry.hash;
    this.expectedSeq += 1;
    this.count += 1;
    return true;
  }

  finish(head: { seq: number; hash: string }): ChainVerdict {
    const last = this.expectedSeq - 1;
    const headSeq = Number(head.seq);
    if (!this.bad && (headSeq !== last || head.hash !== this.prevHash)) {
      // Entries missing at the end: the first missing one; entries past the head: the first
      // of them; as many entries but another hash: the last one is not what the head recorded.
      const seq = headSeq > last ? last + 1 : headSeq < last ? headSeq + 1 : last;
      this.bad = { seq, id: null, problem: 'head_mismatch' };
    }
    return {
      ok: !this.bad,
      entries: this.count,
      headSeq: this.expectedSeq - 1,
      headHash: this.prevHash,
      ...(this.bad ? { firstBad: this.bad } : {}),
    };
  }
}
