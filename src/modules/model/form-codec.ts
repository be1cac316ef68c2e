import { AppError } from '../../platform/errors/app-error.js';
import { appendAudit } from '../../platform/audit/audit-log.js';
import { DEFAULT_LOCALE } from '../../platform/i18n/locale.js';
import { objectById, objectTarget } from './catalogue.js';
import { FormDefinition, type KindCodec } from './definitions.js';
import { checkDefinition } from './form-service.js';
import { readDefinition, writeDefinition } from './form-store.js';
import { diffDefinitions, normaliseDefinition } from './form-validate.js';

/**
 * How packages carry forms: the stored definition as is (it names the cube, dimensions and
 * elements by code). Forms come after dimensions and cubes (order 30), before portals.
 */
export const formCodec: KindCodec<FormDefinition> = {
  kind: 'form',
  schema: FormDefinition,
  order: 30,
  async export(db, id) {
    const def = await readDefinition(db, id);
    if (!def) throw new AppError('FORM_NOT_DEFINED');
    return def;
  },
  dependsOn(def) {
    const dims = [def.rows.dimension, def.columns.dimension, ...def.fixed.map((f) => f.dimension)];
    return [
      { kind: 'cube', code: def.cube },
      ...[...new Set(dims)].map((code) => ({ kind: 'dimension' as const, code })),
    ];
  },
  async diff(db, id, def) {
    return diffDefinitions(await readDefinition(db, id), normaliseDefinition(def));
  },
  async apply(db, deps, _ctx, id, input, mode, actor) {
    const def = await checkDefinition(db, input, DEFAULT_LOCALE);
    const before = mode === 'update' ? await readDefinition(db, id) : null;
    const changes = diffDefinitions(before, def);
    if (mode === 'update' && changes.length === 0) return;
    await writeDefinition(db, id, def, deps.clock().toISOString());
    const row = await objectById(db, id, 'form');
    await appendAudit(
      { db },
      actor,
      { kind: 'operation', action: 'model.form.update', target: objectTarget(row), summary: { changes } },
      deps.clock,
    );
  },
};
