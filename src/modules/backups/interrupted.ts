import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { allScopes, locations, scratchDir, type BackupDeps } from './context.js';
import { recordEvent } from './events.js';
import { alertOperators, type Failure } from './jobs.js';
import { BACKUP_KINDS, LOCK_FILE, listLeftovers, locationOf, scopeDir } from './layout.js';
import { ownerGone, parseOwnerTag } from './owner.js';
import { readLock } from './run.js';

export interface Recovery {
  /** Runs whose owner process had ended: recorded as failed and mailed. */
  interrupted: { scope: string; kind: string; generation: string; pid: number; startedAt: string }[];
  /** Plaintext scratch files of ended processes, removed. */
  scratchRemoved: string[];
}

const entries = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/**
 * At start-up (issue 21 point 14): every backup run whose lock names a process that has ended
 * (kill -9, power loss, a crash) is recorded as a failed backup event — shown wherever backup
 * events are (operator console, org admin's page, trust page) — and e-mailed to the operators;
 * its unfinished `.tmp-` folder and lock are removed. Every plaintext scratch file made by a
 * process that has ended is removed (a live `yosan backup` CLI run keeps its own).
 */
export async function recoverInterruptedBackups(deps: BackupDeps): Promise<Recovery> {
  const loc = locations(deps.config);
  const out: Recovery = { interrupted: [], scratchRemoved: [] };
  const failures: Failure[] = [];
  const labels = new Map((await allScopes(deps)).map((s) => [s.scope, s.label]));
  for (const kind of BACKUP_KINDS) {
    for (const scope of entries(path.join(loc[locationOf(kind)], kind))) {
      const file = path.join(scopeDir(loc, kind, scope), LOCK_FILE);
      const held = readLock(file);
      if (!held || (held.pid && !ownerGone(held))) continue;
      for (const l of listLeftovers(loc, kind, scope)) rmSync(l.dir, { recursive: true, force: true });
      const now = deps.clock().toISOString();
      const startedAt = held.startedAt || now;
      const reason = `interrupted: the process running it (pid ${held.pid}) ended before it finished`;
      await recordEvent(deps.storage.control.kysely, {
        scope,
        type: 'backup',
        kind,
        generation: null,
        outcome: 'failed',
        started_at: startedAt,
        finished_at: now,
        detail: {
          error: reason,
          code: 'INTERRUPTED',
          interrupted: true,
          pid: held.pid,
          generation: held.generation,
        },
      });
      rmSync(file, { force: true });
      out.interrupted.push({ scope, kind, generation: held.generation, pid: held.pid, startedAt });
      failures.push({
        what: `${kind} backup of ${labels.get(scope) ?? scope}`,
        details: `${reason} (started ${startedAt}; unfinished files removed; the next scheduled run makes a new generation)`,
      });
      deps.logger.error({ scope, kind, pid: held.pid, startedAt }, 'interrupted backup found at start-up');
    }
  }
  const dir = scratchDir(deps.config);
  for (const name of entries(dir)) {
    const tag = name.lastIndexOf('~');
    const owner = tag > 0 ? parseOwnerTag(name.slice(tag + 1)) : null;
    // Names without an owner come from a version before owners were recorded: nothing runs them now.
    if (owner && !ownerGone(owner)) continue;
    rmSync(path.join(dir, name), { recursive: true, force: true });
    out.scratchRemoved.push(name);
  }
  if (out.scratchRemoved.length)
    deps.logger.warn(
      { files: out.scratchRemoved.length },
      'plaintext backup scratch files of ended processes removed',
    );
  await alertOperators(deps, failures);
  return out;
}
