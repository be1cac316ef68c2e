import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/index.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import {
  codeGuard,
  insertObject,
  listObjects,
  objectById,
  objectTarget,
  presentObject,
} from './catalogue.js';
import type { FormDefinition } from './definitions.js';
import type { CreateFormBody, FormListItem, FormView } from './form-schemas.js';
import { cubeShape, formDb, formLevel, readDefinition, writeDefinition } from './form-store.js';
import { diffDefinitions, localiseIssues, normaliseDefinition, validateDefinition } from './form-validate.js';
import { modelDb, type ModelDb } from './tables.js';

/**
 * Forms (issue 6): a catalogue row (kind `form`) plus its definition in `model_forms`. Org
 * admins define them; users see the forms their groups may read (§9), others are not revealed.
 */

/** Throws `VALIDATION_FAILED` (ja/en issues with paths) when the definition does not fit the tenant. */
export async function checkDefinition(
  db: ModelDb,
  input: FormDefinition,
  locale: Locale,
  prefix = '',
): Promise<FormDefinition> {
  const def = normaliseDefinition(input);
  const issues = validateDefinition(def, await cubeShape(db, def.cube));
  if (issues.length)
    throw new AppError('VALIDATION_FAILED', {
      issues: localiseIssues(locale, issues).map((i) => ({ ...i, path: `${prefix}${i.path}` })),
    });
  return def;
}

/** The form's catalogue row and the user's level on it; unreadable forms are `MODEL_OBJECT_NOT_FOUND`. */
export async function formFor(db: ModelDb, user: UserTable, id: string) {
  const row = await objectById(db, id, 'form');
  const lv = await formLevel(db, user, id);
  if (lv === 0) throw new AppError('MODEL_OBJECT_NOT_FOUND');
  return { row, level: lv };
}

export async function listForms(ctx: TenantContext, user: UserTable): Promise<FormListItem[]> {
  const db = modelDb(ctx.db.kysely);
  const out: FormListItem[] = [];
  for (const r of await listObjects(db, { kind: 'form' })) {
    if ((await formLevel(db, user, r.id)) === 0) continue;
    const def = await readDefinition(db, r.id);
    out.push({
      object: presentObject(r, ctx.tenant.time_zone),
      cube: def?.cube ?? null,
      type: def?.type ?? null,
    });
  }
  return out;
}

export async function getForm(ctx: TenantContext, user: UserTable, id: string): Promise<FormView> {
  const db = modelDb(ctx.db.kysely);
  const { row, level } = await formFor(db, user, id);
  return {
    object: presentObject(row, ctx.tenant.time_zone),
    definition: await readDefinition(db, id),
    canWrite: level === 2,
  };
}

/** Catalogue row, definition and audit entry (`model.form.create`) in one transaction. */
export async function createForm(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreateFormBody,
  locale: Locale,
  actor: Actor,
): Promise<string> {
  await checkDefinition(modelDb(ctx.db.kysely), input.definition, locale, '/definition');
  const { definition: raw, ...object } = input;
  return codeGuard(input.code, () =>
    inTransaction(ctx.db, async (tx) => {
      const db = modelDb(tx.db);
      const definition = await checkDefinition(db, raw, locale, '/definition');
      const row = await insertObject(tx, deps, { ...object, kind: 'form' }, actor, {
        cube: definition.cube,
        type: definition.type,
      });
      await writeDefinition(db, row.id, definition, row.created_at);
      return row.id;
    }),
  );
}

/** Replaces a form's definition, audited (`model.form.update`) with a readable list of changes. */
export async function updateForm(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  input: FormDefinition,
  locale: Locale,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const row = await objectById(db, id, 'form');
    const def = await checkDefinition(db, input, locale, '/definition');
    const changes = diffDefinitions(await readDefinition(db, id), def);
    if (changes.length === 0) return;
    const now = deps.clock().toISOString();
    await writeDefinition(db, id, def, now);
    await db.updateTable('model_objects').set({ updated_at: now }).where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      { kind: 'operation', action: 'model.form.update', target: objectTarget(row), summary: { changes } },
      deps.clock,
    );
  });
}

/** Deletes a form: definition, rights on it, override and catalogue row, audited. */
export async function deleteForm(deps: AppDeps, ctx: TenantContext, id: string, actor: Actor): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const row = await objectById(db, id, 'form');
    const def = await readDefinition(db, id);
    await formDb(db).deleteFrom('model_forms').where('object_id', '=', id).execute();
    await db.deleteFrom('model_rights').where('object_id', '=', id).execute();
    await db.deleteFrom('model_overrides').where('object_id', '=', id).execute();
    await db.deleteFrom('model_objects').where('id', '=', id).execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.form.delete',
        target: objectTarget(row),
        summary: { code: row.code, nameJa: row.name_ja, nameEn: row.name_en, cube: def?.cube ?? null },
      },
      deps.clock,
    );
  });
}
