import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone, isCalendarDate } from '../../platform/time/zoned.js';
import type { PublishReleaseBody, ReleaseChange, ReleaseView } from './schemas.js';
import { opsControl, opsTenant, type ReleaseNoteTable } from './tables.js';
import { compareVersions } from './version-order.js';

export function presentRelease(r: ReleaseNoteTable, timeZone: string): ReleaseView {
  return {
    id: r.id,
    version: r.version,
    releasedOn: r.released_on,
    changes: JSON.parse(r.changes) as ReleaseChange[],
    publishedAt: formatInZone(r.published_at, timeZone),
  };
}

/** Every published release, newest version first. */
export async function listReleases(deps: AppDeps): Promise<ReleaseNoteTable[]> {
  const rows = await opsControl(deps.storage.control)
    .kysely.selectFrom('release_notes')
    .selectAll()
    .execute();
  return rows.sort((a, b) => compareVersions(b.version, a.version));
}

/** An operator publishes the notes of one version (once per version), audited in the same transaction. */
export async function publishRelease(
  deps: AppDeps,
  input: PublishReleaseBody,
  actor: Actor,
): Promise<ReleaseNoteTable> {
  if (!isCalendarDate(input.releasedOn))
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/releasedOn', code: 'format' }] });
  const changes = input.changes.map((c) => ({ category: c.category, ja: c.ja.trim(), en: c.en.trim() }));
  const blank = changes.findIndex((c) => !c.ja || !c.en);
  if (blank >= 0)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ path: `/changes/${blank}/${changes[blank]!.ja ? 'en' : 'ja'}`, code: 'required' }],
    });
  return inTransaction(opsControl(deps.storage.control), async (tx) => {
    const taken = await tx.db
      .selectFrom('release_notes')
      .select('id')
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (taken) throw new AppError('RELEASE_VERSION_TAKEN', { params: { version: input.version } });
    const row: ReleaseNoteTable = {
      id: newId(),
      version: input.version,
      released_on: input.releasedOn,
      changes: JSON.stringify(changes),
      published_at: deps.clock().toISOString(),
      published_by: actor.id,
    };
    await tx.db.insertInto('release_notes').values(row).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'release.publish',
        target: { type: 'release', id: row.id, label: row.version },
        summary: {
          version: row.version,
          releasedOn: row.released_on,
          changes: changes.length,
          categories: [...new Set(changes.map((c) => c.category))],
        },
      },
      deps.clock,
    );
    return row;
  });
}

/**
 * The "what's new" notice: releases newer than the one this user last saw, up to the running
 * version. A user who never saw one is shown the running version's notes only.
 */
export async function whatsNew(deps: AppDeps, ctx: TenantContext, userId: string) {
  const seen = await opsTenant(ctx.db)
    .kysely.selectFrom('release_seen')
    .select('version')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const current = deps.version;
  const last = seen?.version ?? null;
  const notes = (await listReleases(deps)).filter((r) =>
    last === null
      ? r.version === current
      : compareVersions(r.version, last) > 0 && compareVersions(r.version, current) <= 0,
  );
  return { currentVersion: current, lastSeenVersion: last, notes };
}

/** Records that the user has seen the notice of the running version (so it shows once). */
export async function markSeen(deps: AppDeps, ctx: TenantContext, userId: string): Promise<void> {
  const now = deps.clock().toISOString();
  await opsTenant(ctx.db)
    .kysely.insertInto('release_seen')
    .values({ user_id: userId, version: deps.version, seen_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ version: deps.version, seen_at: now }))
    .execute();
}
