import { rmSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { signingKey } from '../../platform/audit/signing.js';
import { CONTROL_SCOPE, ensureScratchDir, keyStore, scratchFile, type BackupDeps } from './context.js';
import { fileDigest, openFile } from './format.js';
import { readDataKey } from './keys.js';
import { aadOf, manifestSignatureValid, type Manifest } from './manifest.js';
import { pgRestoreFacts } from './pg.js';
import { inspectSqlite, type DatabaseFacts } from './snapshot.js';

export interface Verification {
  ok: boolean;
  problems: string[];
  /** `PRAGMA integrity_check` result (SQLite, thorough checks). */
  integrity: string[] | null;
  facts: DatabaseFacts | null;
}

const errText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 300);

/**
 * Checks a generation folder against its manifest: signature, size and SHA-256 of the
 * data file, decryption under the scope's data key (the GCM tag authenticates every byte).
 * `thorough` also restores it into scratch space — SQLite: `PRAGMA integrity_check`;
 * PostgreSQL: into a new database — and compares row counts and the audit-chain head.
 * `keepRestored` leaves the decrypted SQLite file at that path (for restore).
 */
export async function verifyGeneration(
  deps: BackupDeps,
  dir: string,
  manifest: Manifest,
  opts: { thorough: boolean; keepRestored?: string },
): Promise<Verification> {
  const problems: string[] = [];
  const out: Verification = { ok: false, problems, integrity: null, facts: null };
  if (!manifestSignatureValid(signingKey(deps.config.dataDir).publicKey, manifest))
    problems.push('manifest signature does not verify');
  const dataFile = path.join(dir, manifest.dataFile);
  try {
    const d = await fileDigest(dataFile);
    if (d.bytes !== manifest.bytes) problems.push(`size ${d.bytes} ≠ manifest ${manifest.bytes}`);
    if (d.sha256 !== manifest.sha256) problems.push('SHA-256 differs from the manifest');
  } catch (e) {
    problems.push(`data file unreadable: ${errText(e)}`);
    return out;
  }
  const key = readDataKey(keyStore(deps.config), manifest.scope);
  if (!key) {
    problems.push('the data key of this scope does not exist (destroyed): the copy cannot be read');
    return out;
  }
  ensureScratchDir(deps.config);
  const plain =
    opts.keepRestored ?? scratchFile(deps.config, manifest.scope, `verify-${randomBytes(6).toString('hex')}`);
  try {
    try {
      await openFile(dataFile, plain, key.key, aadOf(manifest));
    } catch (e) {
      problems.push(`decryption failed (altered or damaged): ${errText(e)}`);
      return out;
    }
    if (opts.thorough) {
      let facts: DatabaseFacts;
      if (manifest.engine === 'postgres') {
        const schema = manifest.scope === CONTROL_SCOPE ? 'yosan_control' : `yosan_t_${manifest.scope}`;
        facts = await pgRestoreFacts(deps.config.databaseUrl!, schema, plain);
      } else {
        const r = await inspectSqlite(plain);
        out.integrity = r.integrity;
        if (r.integrity.length !== 1 || r.integrity[0] !== 'ok')
          problems.push(`integrity_check: ${r.integrity.slice(0, 3).join('; ')}`);
        facts = { tables: r.tables, auditHead: r.auditHead };
      }
      out.facts = facts;
      if (!isDeepStrictEqual(facts.tables, manifest.tables))
        problems.push('row counts differ from the manifest');
      if (!isDeepStrictEqual(facts.auditHead, manifest.auditHead))
        problems.push('audit-chain head differs from the manifest');
    }
  } catch (e) {
    problems.push(`restore check failed: ${errText(e)}`);
  } finally {
    if (!opts.keepRestored || problems.length) rmSync(plain, { force: true });
  }
  out.ok = problems.length === 0;
  return out;
}
