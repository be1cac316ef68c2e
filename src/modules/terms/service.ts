import { createHash } from 'node:crypto';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps } from '../../platform/server/context.js';
import { formatInZone, isCalendarDate } from '../../platform/time/zoned.js';
import { opsControl, type TermsVersionTable } from '../releases/tables.js';
import type { PublishTermsBody, TermsView } from './schemas.js';

export function presentTerms(t: TermsVersionTable, timeZone: string): TermsView {
  return {
    revision: Number(t.revision),
    governingLaw: { ja: t.governing_law_ja, en: t.governing_law_en },
    contact: t.contact,
    text: { ja: t.text_ja, en: t.text_en },
    effectiveOn: t.effective_on,
    publishedAt: formatInZone(t.published_at, timeZone),
  };
}

/** Every published revision, newest first (the first is in force). */
export function termsHistory(deps: AppDeps): Promise<TermsVersionTable[]> {
  return opsControl(deps.storage.control)
    .kysely.selectFrom('terms_versions')
    .selectAll()
    .orderBy('revision', 'desc')
    .execute();
}

export async function currentTerms(deps: AppDeps): Promise<TermsVersionTable> {
  const [latest] = await termsHistory(deps);
  if (!latest) throw new AppError('TERMS_NOT_SET');
  return latest;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The operator publishes a new revision of the terms of service; audited in the same transaction. */
export async function publishTerms(
  deps: AppDeps,
  input: PublishTermsBody,
  actor: Actor,
): Promise<TermsVersionTable> {
  if (!isCalendarDate(input.effectiveOn))
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: '/effectiveOn', code: 'format' }] });
  const fields = {
    governing_law_ja: input.governingLaw.ja.trim(),
    governing_law_en: input.governingLaw.en.trim(),
    contact: input.contact.trim(),
    text_ja: input.text.ja.trim(),
    text_en: input.text.en.trim(),
  };
  const empty = Object.entries(fields).find(([, v]) => !v);
  if (empty)
    throw new AppError('VALIDATION_FAILED', { issues: [{ path: `/${empty[0]}`, code: 'required' }] });
  return inTransaction(opsControl(deps.storage.control), async (tx) => {
    const last = await tx.db
      .selectFrom('terms_versions')
      .select((eb) => eb.fn.max('revision').as('n'))
      .executeTakeFirst();
    const row: TermsVersionTable = {
      id: newId(),
      revision: Number(last?.n ?? 0) + 1,
      ...fields,
      effective_on: input.effectiveOn,
      published_at: deps.clock().toISOString(),
      published_by: actor.id,
    };
    await tx.db.insertInto('terms_versions').values(row).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'terms.publish',
        target: { type: 'terms', id: row.id, label: `revision ${row.revision}` },
        summary: {
          revision: row.revision,
          effectiveOn: row.effective_on,
          governingLaw: { ja: row.governing_law_ja, en: row.governing_law_en },
          contact: row.contact,
          textSha256: { ja: sha256(row.text_ja), en: sha256(row.text_en) },
        },
      },
      deps.clock,
    );
    return row;
  });
}
