import type { Kysely, Transaction } from 'kysely';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import { newId } from '../../platform/crypto/tokens.js';
import type { TenantDB, UserTable } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { Locale } from '../../platform/i18n/locale.js';
import { translateDynamic } from '../../platform/i18n/translate.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import {
  codeGuard,
  effective,
  insertObject,
  listObjects,
  objectById,
  objectTarget,
  presentObject,
  type CatalogueRow,
} from './catalogue.js';
import type { PortalDefinition } from './definitions.js';
import type {
  AnnouncementBody,
  CreatePortalBody,
  PortalDefinitionResponse,
  PortalPage,
  TileView,
} from './portal-schemas.js';
import { objectLevel, readableObjectIds } from './rights-objects.js';
import type { ModelDb, ModelTables } from './tables.js';

/**
 * Portals (issue 6): the page of one planning process — tiles linking forms (by form code) and
 * announcements. The catalogue row (kind `portal`) holds names and category; `model_portals`
 * holds the definition. A portal is visible to groups with `model_rights` on it (org admins:
 * all); a tile is shown only when the user may read its form.
 */
export interface ModelPortalTable {
  object_id: string;
  /** `PortalDefinition` as JSON. */
  definition: string;
  updated_at: string;
}
export interface PortalTables extends ModelTables {
  model_portals: ModelPortalTable;
}
export type PortalDb = Kysely<PortalTables> | Transaction<PortalTables>;
export const portalDb = (db: Kysely<TenantDB> | Transaction<TenantDB> | ModelDb): PortalDb => db;

type Tiles = PortalDefinition['tiles'];
type Issue = { path: string; code: string; message?: string };

export async function readDefinition(db: ModelDb | PortalDb, id: string): Promise<PortalDefinition> {
  const row = await portalDb(db)
    .selectFrom('model_portals')
    .select('definition')
    .where('object_id', '=', id)
    .executeTakeFirst();
  return row ? (JSON.parse(row.definition) as PortalDefinition) : { tiles: [], announcements: [] };
}

export async function writeDefinition(
  db: ModelDb | PortalDb,
  id: string,
  def: PortalDefinition,
  now: string,
): Promise<void> {
  const definition = JSON.stringify(def);
  await portalDb(db)
    .insertInto('model_portals')
    .values({ object_id: id, definition, updated_at: now })
    .onConflict((oc) => oc.column('object_id').doUpdateSet({ definition, updated_at: now }))
    .execute();
}

/** Form catalogue rows by code. */
async function formsByCode(db: ModelDb, codes: readonly string[]): Promise<Map<string, CatalogueRow>> {
  if (codes.length === 0) return new Map();
  const rows = await listObjects(db, { kind: 'form' });
  return new Map(rows.filter((r) => codes.includes(r.code)).map((r) => [r.code, r]));
}

/** Issues for tiles naming forms that do not exist (paths `/tiles/<i>/form`). */
export async function tileIssues(db: ModelDb, tiles: Tiles, locale?: Locale): Promise<Issue[]> {
  const forms = await formsByCode(
    db,
    tiles.map((t) => t.form),
  );
  const issues: Issue[] = [];
  for (const [i, t] of tiles.entries()) {
    if (forms.has(t.form.normalize('NFC'))) continue;
    const issue: Issue = { path: `/tiles/${i}/form`, code: 'unknown_form' };
    if (locale) issue.message = translateDynamic(locale, 'fields.unknown_form', { name: t.form });
    issues.push(issue);
  }
  return issues;
}

const cleanTiles = (tiles: Tiles): Tiles => tiles.map((t) => ({ ...t, form: t.form.normalize('NFC') }));

/** Creates a portal: catalogue row and definition in one transaction (audited `model.portal.create`). */
export async function createPortal(
  deps: AppDeps,
  ctx: TenantContext,
  input: CreatePortalBody,
  actor: Actor,
  locale: Locale,
): Promise<string> {
  const { tiles = [], ...object } = input;
  return codeGuard(input.code, () =>
    inTransaction(ctx.db, async (tx) => {
      const issues = await tileIssues(tx.db, tiles, locale);
      if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
      const row = await insertObject(tx, deps, { ...object, kind: 'portal' }, actor);
      await writeDefinition(tx.db, row.id, { tiles: cleanTiles(tiles), announcements: [] }, row.created_at);
      return row.id;
    }),
  );
}

/** Replaces a portal's tiles (audited `model.portal.update` with the form codes before and after). */
export async function updatePortalTiles(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  tiles: Tiles,
  actor: Actor,
  locale: Locale,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await objectById(tx.db, id, 'portal');
    const issues = await tileIssues(tx.db, tiles, locale);
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    const before = await readDefinition(tx.db, id);
    const now = deps.clock().toISOString();
    const next = { ...before, tiles: cleanTiles(tiles) };
    if (JSON.stringify(before.tiles) === JSON.stringify(next.tiles)) return;
    await writeDefinition(tx.db, id, next, now);
    await portalDb(tx.db)
      .updateTable('model_objects')
      .set({ updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.portal.update',
        target: objectTarget(row),
        summary: { tiles: { from: before.tiles.map((t) => t.form), to: next.tiles.map((t) => t.form) } },
      },
      deps.clock,
    );
  });
}

/** Deletes a portal: definition, rights on it, overrides and catalogue row (audited). */
export async function deletePortal(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await objectById(tx.db, id, 'portal');
    const def = await readDefinition(tx.db, id);
    const db = portalDb(tx.db);
    await db.deleteFrom('model_portals').where('object_id', '=', id).execute();
    await db.deleteFrom('model_rights').where('object_id', '=', id).execute();
    await db.deleteFrom('model_overrides').where('object_id', '=', id).execute();
    await db.deleteFrom('model_objects').where('id', '=', id).execute();
    const e = effective(row);
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.portal.delete',
        target: objectTarget(row),
        summary: {
          code: row.code,
          nameJa: e.nameJa,
          nameEn: e.nameEn,
          tiles: def.tiles.map((t) => t.form),
          announcements: def.announcements.length,
        },
      },
      deps.clock,
    );
  });
}

const MAX_ANNOUNCEMENTS = 100;

/** One announcement change (add / edit / remove), audited `model.portal.announcement.<op>`. */
async function changeAnnouncements(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  actor: Actor,
  op: 'add' | 'edit' | 'remove',
  change: (list: PortalDefinition['announcements'], now: string) => PortalDefinition['announcements'][number],
): Promise<string> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await objectById(tx.db, id, 'portal');
    const def = await readDefinition(tx.db, id);
    const now = deps.clock().toISOString();
    const list = [...def.announcements];
    const a = change(list, now);
    if (list.length > MAX_ANNOUNCEMENTS)
      throw new AppError('MODEL_OPERATION_INVALID', { params: { reason: `max ${MAX_ANNOUNCEMENTS}` } });
    await writeDefinition(tx.db, id, { ...def, announcements: list }, now);
    await portalDb(tx.db)
      .updateTable('model_objects')
      .set({ updated_at: now })
      .where('id', '=', id)
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: `model.portal.announcement.${op}`,
        target: objectTarget(row),
        summary: { announcementId: a.id, title: a.title, ...(op === 'remove' ? {} : { body: a.body }) },
      },
      deps.clock,
    );
    return a.id;
  });
}

const cleanText = (t: { ja: string; en: string }) => ({
  ja: t.ja.normalize('NFC').trim(),
  en: t.en.normalize('NFC').trim(),
});

function requireTitle(body: AnnouncementBody, locale: Locale) {
  const title = cleanText(body.title);
  const issues: Issue[] = [];
  for (const l of ['ja', 'en'] as const)
    if (!title[l])
      issues.push({
        path: `/title/${l}`,
        code: 'required',
        message: translateDynamic(locale, 'fields.required'),
      });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
  return { title, body: cleanText(body.body) };
}

export async function addAnnouncement(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  body: AnnouncementBody,
  actor: Actor,
  locale: Locale,
): Promise<string> {
  const text = requireTitle(body, locale);
  return changeAnnouncements(deps, ctx, id, actor, 'add', (list, now) => {
    const a = { id: newId(), at: now, ...text };
    list.push(a);
    return a;
  });
}

export async function editAnnouncement(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  announcementId: string,
  body: AnnouncementBody,
  actor: Actor,
  locale: Locale,
): Promise<void> {
  const text = requireTitle(body, locale);
  await changeAnnouncements(deps, ctx, id, actor, 'edit', (list) => {
    const i = list.findIndex((a) => a.id === announcementId);
    const found = list[i];
    if (!found) throw new AppError('ANNOUNCEMENT_NOT_FOUND');
    const a = { ...found, ...text };
    list[i] = a;
    return a;
  });
}

export async function removeAnnouncement(
  deps: AppDeps,
  ctx: TenantContext,
  id: string,
  announcementId: string,
  actor: Actor,
): Promise<void> {
  await changeAnnouncements(deps, ctx, id, actor, 'remove', (list) => {
    const i = list.findIndex((a) => a.id === announcementId);
    const found = list[i];
    if (!found) throw new AppError('ANNOUNCEMENT_NOT_FOUND');
    list.splice(i, 1);
    return found;
  });
}

/** Portals the user may see (org admins: all), with their tile counts. */
export async function listMyPortals(ctx: TenantContext, user: UserTable) {
  const db = ctx.db.kysely;
  const rows = await listObjects(db, { kind: 'portal' });
  const reach = user.is_org_admin ? undefined : await readableObjectIds(db, user);
  const out = [];
  for (const r of rows) {
    if (reach && !reach.has(r.id)) continue;
    const def = await readDefinition(db, r.id);
    out.push({ portal: presentObject(r, ctx.tenant.time_zone), tileCount: def.tiles.length });
  }
  return out;
}

/** A portal the user may see, else MODEL_OBJECT_NOT_FOUND (its existence is not revealed). */
async function visiblePortal(db: ModelDb, user: UserTable, id: string): Promise<CatalogueRow> {
  const row = await objectById(db, id, 'portal');
  if ((await objectLevel(db, user, id)) === 0) throw new AppError('MODEL_OBJECT_NOT_FOUND');
  return row;
}

/**
 * The portal page: tiles whose form the user may read (org admin, or a group with a right on the
 * form) and the announcements, newest first. `status` on each tile is the seam for issue 7.
 */
export async function portalPage(ctx: TenantContext, user: UserTable, id: string): Promise<PortalPage> {
  const db = ctx.db.kysely;
  const row = await visiblePortal(db, user, id);
  const def = await readDefinition(db, id);
  const forms = await formsByCode(
    db,
    def.tiles.map((t) => t.form),
  );
  const reach = user.is_org_admin ? undefined : await readableObjectIds(db, user);
  const tiles: TileView[] = [];
  for (const t of def.tiles) {
    const form = forms.get(t.form);
    if (!form || (reach && !reach.has(form.id))) continue;
    const e = effective(form);
    tiles.push({
      formId: form.id,
      code: form.code,
      name: { ja: e.nameJa, en: e.nameEn },
      ...(t.title ? { title: t.title } : {}),
      ...(t.note ? { note: t.note } : {}),
      status: formStatus(form.id),
    });
  }
  const zone = ctx.tenant.time_zone;
  const announcements = [...def.announcements]
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
    .map((a) => ({ id: a.id, at: formatInZone(a.at, zone), title: a.title, body: a.body }));
  return { portal: presentObject(row, zone), tiles, announcements, canEdit: user.is_org_admin === 1 };
}

/** Seam for issue 7: each department's workflow status of a form. No workflow yet. */
export function formStatus(_formId: string): null {
  return null;
}

/** The stored definition for the editor (org admins); announcement times in the tenant zone. */
export async function portalDefinition(ctx: TenantContext, id: string): Promise<PortalDefinitionResponse> {
  const db = ctx.db.kysely;
  const row = await objectById(db, id, 'portal');
  const def = await readDefinition(db, id);
  const zone = ctx.tenant.time_zone;
  return {
    portal: presentObject(row, zone),
    definition: {
      ...def,
      announcements: def.announcements.map((a) => ({ ...a, at: formatInZone(a.at, zone) })),
    },
  };
}
