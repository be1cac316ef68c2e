import { sql } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { Tx } from '../../platform/db/unit-of-work.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { TenantDB } from '../../platform/db/types.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { containsPattern, isUniqueViolation } from '../users/repository.js';
import type { ModelObjectView, NewObject, ObjectListQuery, UpdateObjectBody } from './schemas.js';
import {
  modelDb,
  type ModelDb,
  type ModelKind,
  type ModelObjectTable,
  type ModelOrigin,
  type ModelOverrideTable,
} from './tables.js';

/** An object with its override (if any) and its owner's name. */
export type CatalogueRow = ModelObjectTable & {
  o_name_ja: string | null;
  o_name_en: string | null;
  o_category: string | null;
  o_description: string | null;
  o_updated_at: string | null;
  owner_name: string | null;
};

function rows(db: ModelDb) {
  return db
    .selectFrom('model_objects as m')
    .leftJoin('model_overrides as o', 'o.object_id', 'm.id')
    .leftJoin('users as u', 'u.id', 'm.owner_id')
    .selectAll('m')
    .select([
      'o.name_ja as o_name_ja',
      'o.name_en as o_name_en',
      'o.category as o_category',
      'o.description as o_description',
      'o.updated_at as o_updated_at',
      'u.display_name as owner_name',
    ]);
}

/** The effective (overridden or distributed) facts of an object. */
export function effective(r: CatalogueRow) {
  return {
    nameJa: r.o_name_ja ?? r.name_ja,
    nameEn: r.o_name_en ?? r.name_en,
    category: r.o_category ?? r.category,
    description: r.o_description ?? r.description,
  };
}

export function presentObject(r: CatalogueRow, timeZone: string): ModelObjectView {
  const e = effective(r);
  const updated = r.o_updated_at && r.o_updated_at > r.updated_at ? r.o_updated_at : r.updated_at;
  return {
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: { ja: e.nameJa, en: e.nameEn },
    distributedName: { ja: r.name_ja, en: r.name_en },
    category: e.category,
    description: e.description,
    origin: r.origin,
    overridden: r.o_updated_at !== null,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
    createdAt: formatInZone(r.created_at, timeZone),
    updatedAt: formatInZone(updated, timeZone),
  };
}

export const objectTarget = (r: Pick<ModelObjectTable, 'id' | 'kind' | 'code'>) => ({
  type: `model.${r.kind}`,
  id: r.id,
  label: r.code,
});

export async function listObjects(db: ModelDb, q: ObjectListQuery): Promise<CatalogueRow[]> {
  let query = rows(db);
  if (q.kind) query = query.where('m.kind', '=', q.kind);
  if (q.category !== undefined)
    query = query.where(sql<string>`coalesce(o.category, m.category)`, '=', q.category.trim());
  const text = q.q?.trim();
  if (text) {
    const p = containsPattern(text);
    query = query.where(
      sql<boolean>`(lower(m.code) like ${p} escape '\\'
        or lower(coalesce(o.name_ja, m.name_ja)) like ${p} escape '\\'
        or lower(coalesce(o.name_en, m.name_en)) like ${p} escape '\\')`,
    );
  }
  return await query.orderBy('m.kind').orderBy('m.code').execute();
}

export async function objectById(db: ModelDb, id: string, kind?: ModelKind): Promise<CatalogueRow> {
  let query = rows(db).where('m.id', '=', id);
  if (kind) query = query.where('m.kind', '=', kind);
  const row = await query.executeTakeFirst();
  if (!row) throw new AppError('MODEL_OBJECT_NOT_FOUND');
  return row;
}

export const categories = async (db: ModelDb): Promise<string[]> =>
  (
    await db
      .selectFrom('model_objects as m')
      .leftJoin('model_overrides as o', 'o.object_id', 'm.id')
      .select(sql<string>`coalesce(o.category, m.category)`.as('c'))
      .distinct()
      .execute()
  )
    .map((r) => r.c)
    .filter((c) => c !== '')
    .sort((a, b) => a.localeCompare(b, 'ja'));

const clean = (s: string | undefined) => (s ?? '').normalize('NFC').trim();

function requireName(name: string, path: string): string {
  const n = clean(name);
  if (!n) throw new AppError('VALIDATION_FAILED', { issues: [{ path, code: 'required' }] });
  return n;
}

/**
 * Inserts a catalogue row for a new object (inside the caller's transaction) and audits it.
 * A code already used by the same kind is `MODEL_CODE_TAKEN`.
 */
export async function insertObject(
  tx: Pick<Tx<TenantDB>, 'db'>,
  deps: Pick<AppDeps, 'clock'>,
  input: NewObject & { kind: ModelKind; id?: string; origin?: ModelOrigin },
  actor: Actor,
  /** More facts for the audit summary (e.g. a form's cube). */
  extra: Record<string, unknown> = {},
): Promise<ModelObjectTable> {
  const db = modelDb(tx.db);
  const code = input.code.normalize('NFC');
  const taken = await db
    .selectFrom('model_objects')
    .select('id')
    .where('kind', '=', input.kind)
    .where('code', '=', code)
    .executeTakeFirst();
  if (taken) throw new AppError('MODEL_CODE_TAKEN', { params: { code } });
  const now = deps.clock().toISOString();
  const row: ModelObjectTable = {
    id: input.id ?? newId(),
    kind: input.kind,
    code,
    name_ja: requireName(input.nameJa, '/nameJa'),
    name_en: requireName(input.nameEn, '/nameEn'),
    category: clean(input.category),
    description: clean(input.description),
    origin: input.origin ?? 'tenant',
    owner_id: actor.type === 'user' ? actor.id : null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('model_objects').values(row).execute();
  await appendAudit(
    tx,
    actor,
    {
      kind: 'operation',
      action: `model.${input.kind}.create`,
      target: objectTarget(row),
      summary: {
        code,
        nameJa: row.name_ja,
        nameEn: row.name_en,
        category: row.category,
        origin: row.origin,
        ...extra,
      },
    },
    deps.clock,
  );
  return row;
}

/** Runs a catalogue change; a unique violation (a concurrent twin) is `MODEL_CODE_TAKEN`. */
export async function codeGuard<T>(code: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('MODEL_CODE_TAKEN', { params: { code } });
    throw error;
  }
}

/** Creates a catalogue-only entry (forms and portals, until their editors exist). */
export async function createObject(
  deps: AppDeps,
  ctx: TenantContext,
  input: NewObject & { kind: 'form' | 'portal' },
  actor: Actor,
): Promise<CatalogueRow> {
  return codeGuard(input.code, () =>
    inTransaction(ctx.db, async (tx) => {
      const row = await insertObject(tx, deps, input, actor);
      return objectById(modelDb(tx.db), row.id);
    }),
  );
}

/**
 * Renames, re-categorises, re-describes an object or changes its owner (org admins, §7).
 * Names, category and description go to `model_overrides`, never to the distributed row,
 * so a later package update keeps them. A value equal to the distributed one clears that
 * override field.
 */
export async function updateObject(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  input: UpdateObjectBody,
  actor: Actor,
): Promise<CatalogueRow> {
  return inTransaction(ctx.db, async (tx) => {
    const db = modelDb(tx.db);
    const row = await objectById(db, id);
    const before = effective(row);
    const now = deps.clock().toISOString();
    const pick = (v: string | undefined, base: string, current: string | null, path: string) => {
      if (v === undefined) return current;
      const c = path.startsWith('/name') ? requireName(v, path) : clean(v);
      return c === base ? null : c;
    };
    const next: Omit<ModelOverrideTable, 'object_id' | 'updated_at' | 'updated_by'> = {
      name_ja: pick(input.nameJa, row.name_ja, row.o_name_ja, '/nameJa'),
      name_en: pick(input.nameEn, row.name_en, row.o_name_en, '/nameEn'),
      category: pick(input.category, row.category, row.o_category, '/category'),
      description: pick(input.description, row.description, row.o_description, '/description'),
    };
    const summary: Record<string, unknown> = {};
    const changed =
      next.name_ja !== row.o_name_ja ||
      next.name_en !== row.o_name_en ||
      next.category !== row.o_category ||
      next.description !== row.o_description;
    if (changed) {
      await db.deleteFrom('model_overrides').where('object_id', '=', id).execute();
      if (Object.values(next).some((v) => v !== null))
        await db
          .insertInto('model_overrides')
          .values({ object_id: id, ...next, updated_by: actor.id, updated_at: now })
          .execute();
      const after = effective({
        ...row,
        o_name_ja: next.name_ja,
        o_name_en: next.name_en,
        o_category: next.category,
        o_description: next.description,
      });
      summary.from = before;
      summary.to = after;
    }
    if (input.ownerId !== undefined && input.ownerId !== row.owner_id) {
      if (input.ownerId !== null) {
        const owner = await db
          .selectFrom('users')
          .select('id')
          .where('id', '=', input.ownerId)
          .where('status', '<>', 'deleted')
          .executeTakeFirst();
        if (!owner) throw new AppError('MODEL_OWNER_UNKNOWN');
      }
      await db.updateTable('model_objects').set({ owner_id: input.ownerId }).where('id', '=', id).execute();
      summary.owner = { from: row.owner_id, to: input.ownerId };
    }
    if (Object.keys(summary).length === 0) return row;
    await appendAudit(
      tx,
      actor,
      { kind: 'operation', action: `model.${row.kind}.update`, target: objectTarget(row), summary },
      deps.clock,
    );
    return objectById(db, id);
  });
}

/** What a package distributes for one object: its base (provider) facts. */
export interface DistributedObject {
  id: string;
  kind: ModelKind;
  code: string;
  nameJa: string;
  nameEn: string;
  category: string;
  description: string;
}

/**
 * Writes provider-distributed objects' base rows (install or update of a package) in the
 * caller's transaction. The tenant's overrides are left as they are, so its names survive.
 */
export async function upsertDistributed(
  tx: Pick<Tx<TenantDB>, 'db'>,
  deps: Pick<AppDeps, 'clock'>,
  objects: readonly DistributedObject[],
  actor: Actor,
): Promise<void> {
  const db = modelDb(tx.db);
  const now = deps.clock().toISOString();
  for (const o of objects) {
    const base = {
      kind: o.kind,
      code: o.code,
      name_ja: o.nameJa,
      name_en: o.nameEn,
      category: o.category,
      description: o.description,
      origin: 'provider' as const,
      updated_at: now,
    };
    await db
      .insertInto('model_objects')
      .values({ id: o.id, ...base, owner_id: null, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(base))
      .execute();
  }
  await appendAudit(
    tx,
    actor,
    {
      kind: 'operation',
      action: 'model.distribute',
      summary: { objects: objects.map((o) => ({ id: o.id, kind: o.kind, code: o.code })) },
    },
    deps.clock,
  );
}
