import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONTROL_SCOPE, scratchLeftovers, type BackupDeps } from './context.js';
import { locations } from './context.js';
import { recordEvent } from './events.js';
import { listGenerations, type BackupKind } from './layout.js';
import { verifyGeneration } from './verify.js';

export interface DrillKindResult {
  kind: BackupKind;
  generation: string | null;
  ok: boolean;
  problems: string[];
}

export interface DrillResult {
  scope: string;
  ok: boolean;
  kinds: DrillKindResult[];
}

/** The kinds a drill restores: the replica is Yosan's own only with SQLite (PostgreSQL: WAL archiving). */
export const drillKinds = (deps: BackupDeps): BackupKind[] =>
  deps.storage.dialect === 'sqlite' ? ['replica', 'daily', 'weekly'] : ['daily', 'weekly'];

/**
 * A restore drill of one scope: restores the newest generation of each kind into scratch
 * space, runs `PRAGMA integrity_check` (or a restore into a new PostgreSQL database),
 * compares row counts and the audit-chain head with the manifest, and records the result.
 * A kind without any generation fails the drill.
 */
export async function drillScope(deps: BackupDeps, scope: string): Promise<DrillResult> {
  const kinds: DrillKindResult[] = [];
  // One start time for every kind: it groups the rows of one drill.
  const startedAt = deps.clock().toISOString();
  // Plaintext copies a killed drill left (an hour old: no drill takes that long to reach them).
  for (const f of scratchLeftovers(deps.config, scope)) {
    if (path.basename(f).startsWith(`${scope}-verify-`) && statSync(f).mtimeMs < Date.now() - 3_600_000)
      rmSync(f, { force: true });
  }
  for (const kind of drillKinds(deps)) {
    const newest = listGenerations(locations(deps.config), kind, scope).at(-1);
    let r: DrillKindResult;
    if (!newest) r = { kind, generation: null, ok: false, problems: ['no generation to restore'] };
    else {
      const v = await verifyGeneration(deps, newest.dir, newest.manifest, { thorough: true });
      r = { kind, generation: newest.name, ok: v.ok, problems: v.problems };
    }
    kinds.push(r);
    await recordEvent(deps.storage.control.kysely, {
      scope,
      type: 'drill',
      kind,
      generation: r.generation,
      outcome: r.ok ? 'ok' : 'failed',
      started_at: startedAt,
      finished_at: deps.clock().toISOString(),
      detail: { problems: r.problems },
    });
  }
  const ok = kinds.every((k) => k.ok);
  if (!ok)
    deps.logger.error(
      { scope: scope === CONTROL_SCOPE ? scope : `tenant ${scope}`, kinds },
      'restore drill failed',
    );
  return { scope, ok, kinds };
}
