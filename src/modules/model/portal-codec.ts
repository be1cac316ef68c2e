import { appendAudit } from '../../platform/audit/audit-log.js';
import { AppError } from '../../platform/errors/app-error.js';
import { objectById, objectTarget } from './catalogue.js';
import { PortalDefinition, type KindCodec } from './definitions.js';
import { readDefinition, tileIssues, writeDefinition } from './portal-service.js';

const tileKey = (t: PortalDefinition['tiles'][number]) =>
  JSON.stringify([t.form, t.title ?? null, t.note ?? null]);

/**
 * How a package carries a portal: its definition as stored (tiles name forms by code, so the same
 * JSON fits any tenant with those forms). Portals come after forms (order 40).
 */
export const portalCodec: KindCodec<PortalDefinition> = {
  kind: 'portal',
  schema: PortalDefinition,
  order: 40,

  async export(db, id) {
    await objectById(db, id, 'portal');
    return readDefinition(db, id);
  },

  dependsOn(def) {
    return [...new Set(def.tiles.map((t) => t.form))].map((code) => ({ kind: 'form' as const, code }));
  },

  async diff(db, id, def) {
    const cur = await readDefinition(db, id);
    const out: string[] = [];
    const before = cur.tiles.map(tileKey);
    const after = def.tiles.map(tileKey);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      const was = cur.tiles.map((t) => t.form).join(', ') || '-';
      const now = def.tiles.map((t) => t.form).join(', ') || '-';
      out.push(was === now ? `tiles: captions or notes changed (${now})` : `tiles: ${was} → ${now}`);
    }
    const ids = new Set(cur.announcements.map((a) => a.id));
    const next = new Set(def.announcements.map((a) => a.id));
    for (const a of def.announcements) {
      const old = cur.announcements.find((c) => c.id === a.id);
      if (!ids.has(a.id)) out.push(`announcement added: ${a.title.ja} / ${a.title.en}`);
      else if (JSON.stringify(old) !== JSON.stringify(a))
        out.push(`announcement changed: ${a.title.ja} / ${a.title.en}`);
    }
    for (const a of cur.announcements)
      if (!next.has(a.id)) out.push(`announcement removed: ${a.title.ja} / ${a.title.en}`);
    return out;
  },

  async apply(db, deps, _ctx, id, def, mode, actor) {
    const issues = await tileIssues(db, def.tiles);
    if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
    const row = await objectById(db, id, 'portal');
    const before = mode === 'update' ? await readDefinition(db, id) : undefined;
    await writeDefinition(db, id, def, deps.clock().toISOString());
    await appendAudit(
      { db },
      actor,
      {
        kind: 'operation',
        action: 'model.portal.update',
        target: objectTarget(row),
        summary: {
          source: 'package',
          mode,
          tiles: { from: before?.tiles.map((t) => t.form) ?? [], to: def.tiles.map((t) => t.form) },
          announcements: def.announcements.length,
        },
      },
      deps.clock,
    );
  },
};
