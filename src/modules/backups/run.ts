import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { signingKey } from '../../platform/audit/signing.js';
import {
  CONTROL_SCOPE,
  keyStore,
  ensureScratchDir,
  locations,
  scratchFile,
  scratchLeftovers,
  scopeTimeZone,
  type BackupDeps,
  type RunHooks,
} from './context.js';
import { recordEvent } from './events.js';
import { enospc, sealFile } from './format.js';
import { keepSet } from './keep-set.js';
import { dataKey, syncDir } from './keys.js';
import {
  DATA_FILE,
  LOCK_FILE,
  MANIFEST_FILE,
  TMP_PREFIX,
  generationName,
  listGenerations,
  listLeftovers,
  scopeDir,
  type BackupKind,
  type Generation,
} from './layout.js';
import { aadOf, signManifest, type Manifest } from './manifest.js';
import { ownerGone, thisOwner, type Owner } from './owner.js';
import { sourceFingerprint, takeCopy } from './source.js';
import { verifyGeneration } from './verify.js';

export interface RunResult {
  scope: string;
  kind: BackupKind;
  outcome: 'ok' | 'skipped';
  generation: string | null;
  removed: string[];
}

/** Lock folders this process holds now (a lock file naming our own pid is ours only if listed here). */
const heldHere = new Set<string>();

/** What a run's lock file holds: its owner, and what it was making since when. */
export interface LockRecord extends Owner {
  scope: string;
  kind: BackupKind;
  generation: string;
  startedAt: string;
}

/** The lock record of a file; an old lock holding only a pid reads as an owner with an unknown start. */
export function readLock(file: string): LockRecord | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const r = JSON.parse(text) as LockRecord | number;
    if (typeof r === 'object' && r !== null && typeof r.pid === 'number') return r;
    if (typeof r === 'number')
      return {
        pid: r,
        start: 'unknown',
        host: thisOwner.host,
        scope: '',
        kind: 'daily',
        generation: '',
        startedAt: statSync(file).mtime.toISOString(),
      };
  } catch {
    // Half-written (the process died while writing it): nobody holds it.
  }
  return {
    pid: 0,
    start: 'unknown',
    host: thisOwner.host,
    scope: '',
    kind: 'daily',
    generation: '',
    startedAt: '',
  };
}

/**
 * One run per scope and kind at a time, within this process and across processes: a lock file
 * naming the owner (pid, process start, host), the generation and the start time. A lock whose
 * owner has ended is taken over (start-up records it as an interrupted run first).
 */
function lock(dir: string, what: Omit<LockRecord, keyof Owner>): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  if (heldHere.has(file)) throw new Error(`Another backup of ${dir} is running (in this process)`);
  const held = readLock(file);
  if (held) {
    if (held.pid && !ownerGone(held))
      throw new Error(`Another backup of ${dir} is running (pid ${held.pid})`);
    rmSync(file, { force: true });
  }
  const record: LockRecord = { ...thisOwner, ...what };
  writeFileSync(file, JSON.stringify(record), { flag: 'wx', flush: true });
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    rmSync(file, { force: true });
  };
}

function writeManifest(file: string, m: Manifest, hooks: RunHooks): void {
  const text = JSON.stringify(m, null, 2) + '\n';
  // The same write budget as the data file: a full disk fails here too.
  if (hooks.budget) {
    hooks.budget.remaining -= Buffer.byteLength(text);
    if (hooks.budget.remaining < 0) throw enospc();
  }
  writeFileSync(file, text, { flag: 'wx', flush: true });
}

/**
 * Makes one generation of a scope: a consistent copy, compressed and encrypted under the
 * scope's data key into `.tmp-<name>/`, the manifest written last, then verified and only
 * then renamed into place (atomic); older generations beyond the keep-set are removed only
 * after that. Any failure removes this run's own temporary files, keeps every existing
 * generation, records the failure and throws.
 */
export async function backupScope(
  deps: BackupDeps,
  scope: string,
  kind: BackupKind,
  hooks: RunHooks = {},
): Promise<RunResult> {
  const { config } = deps;
  const loc = locations(config);
  const dir = scopeDir(loc, kind, scope);
  const startedAt = deps.clock();
  const name = generationName(startedAt);
  const unlock = lock(dir, { scope, kind, generation: name, startedAt: startedAt.toISOString() });
  const tmp = path.join(dir, `${TMP_PREFIX}${name}`);
  const scratch = scratchFile(config, scope, `${kind}-${name}`);
  try {
    // A run that died (kill -9, power loss) left only temporary folders: never counted, removed now.
    for (const l of listLeftovers(loc, kind, scope)) rmSync(l.dir, { recursive: true, force: true });
    // …and perhaps a plaintext copy in scratch space (same scope and kind: ours, under the lock).
    for (const f of scratchLeftovers(config, scope)) {
      if (path.basename(f).startsWith(`${scope}-${kind}-`)) rmSync(f, { force: true });
    }
    const fingerprint = await sourceFingerprint(deps, scope);
    const previous = listGenerations(loc, kind, scope);
    const newest = previous.at(-1);
    if (kind === 'replica' && fingerprint && newest?.manifest.sourceFingerprint === fingerprint) {
      return { scope, kind, outcome: 'skipped', generation: newest.name, removed: [] };
    }
    ensureScratchDir(config);
    // The plaintext copy is created empty with mode 0600 first (VACUUM INTO and pg_dump write into it).
    writeFileSync(scratch, '', { flag: 'wx', mode: 0o600 });
    const copy = await takeCopy(deps, scope, scratch);
    await hooks.stage?.('snapshot');
    const key = dataKey(keyStore(config), scope, startedAt);
    mkdirSync(tmp, { mode: 0o700 });
    const unsigned = { format: 1 as const, scope, kind, generation: name };
    const sealed = await sealFile(
      copy.file,
      path.join(tmp, DATA_FILE),
      key.key,
      aadOf(unsigned),
      hooks.budget,
    );
    await hooks.stage?.('sealed');
    const manifest = signManifest(signingKey(config.dataDir), {
      ...unsigned,
      engine: deps.storage.dialect,
      startedAt: startedAt.toISOString(),
      createdAt: copy.takenAt.toISOString(),
      dataFile: DATA_FILE,
      bytes: sealed.bytes,
      sha256: sealed.sha256,
      sourceBytes: statSync(copy.file).size,
      tables: copy.facts.tables,
      auditHead: copy.facts.auditHead,
      keyId: key.keyId,
      sourceFingerprint: fingerprint,
    });
    writeManifest(path.join(tmp, MANIFEST_FILE), manifest, hooks);
    syncDir(tmp);
    await hooks.stage?.('manifest');
    const check = await verifyGeneration(deps, tmp, manifest, { thorough: kind !== 'replica' });
    if (!check.ok) throw new Error(`New generation failed verification: ${check.problems.join('; ')}`);
    await hooks.stage?.('verified');
    const final = path.join(dir, name);
    renameSync(tmp, final);
    syncDir(dir);
    await hooks.stage?.('renamed');
    const removed = prune(deps, kind, scope, name, await scopeTimeZone(deps, scope));
    await recordEvent(deps.storage.control.kysely, {
      scope,
      type: 'backup',
      kind,
      generation: name,
      outcome: 'ok',
      started_at: startedAt.toISOString(),
      finished_at: deps.clock().toISOString(),
      detail: { bytes: sealed.bytes, sourceBytes: manifest.sourceBytes, removed },
    });
    return { scope, kind, outcome: 'ok', generation: name, removed };
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    await recordEvent(deps.storage.control.kysely, {
      scope,
      type: 'backup',
      kind,
      generation: null,
      outcome: 'failed',
      started_at: startedAt.toISOString(),
      finished_at: deps.clock().toISOString(),
      detail: { error: reason.slice(0, 500), code: (error as NodeJS.ErrnoException).code ?? null },
    }).catch(() => undefined);
    deps.logger.error(
      { scope: scope === CONTROL_SCOPE ? scope : `tenant ${scope}`, kind, reason },
      'backup failed',
    );
    throw error;
  } finally {
    rmSync(scratch, { force: true });
    unlock();
  }
}

/** Removes generations outside the keep-set (never the one just verified). */
function prune(
  deps: BackupDeps,
  kind: BackupKind,
  scope: string,
  justMade: string,
  timeZone: string,
): string[] {
  const gens: Generation[] = listGenerations(locations(deps.config), kind, scope);
  const decision = keepSet(
    kind,
    gens.map((g) => ({ name: g.name, createdAt: g.manifest.createdAt })),
    deps.clock(),
    timeZone,
    undefined,
    justMade,
  );
  for (const n of decision.remove) {
    const g = gens.find((x) => x.name === n)!;
    rmSync(g.dir, { recursive: true, force: true });
  }
  if (decision.remove.length) syncDir(scopeDir(locations(deps.config), kind, scope));
  return decision.remove;
}
