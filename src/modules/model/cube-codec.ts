import { Type, type Static } from 'typebox';
import { ChangeSet, Cube, type Dimension } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { readDimension, upsertCells } from '../cubes/store.js';
import type { CubeDb } from '../cubes/tables.js';
import type { KindCodec } from './definitions.js';
import { recordHistory } from '../entry/history-record.js';
import { cubeStore } from './store.js';
import type { ModelDb } from './tables.js';

const Code = Type.String({ minLength: 1, maxLength: 64 });

/**
 * A cube in a package: its dimensions by code, in order, and (in a package "with figures")
 * its non-zero leaf cells, each as element codes in dimension order and a value in yen.
 */
export const CubeDefinition = Type.Object(
  {
    dimensions: Type.Array(Code, { minItems: 1, maxItems: 16 }),
    cells: Type.Optional(
      Type.Array(
        Type.Object(
          { coords: Type.Array(Code, { minItems: 1, maxItems: 16 }), value: Type.Number() },
          { additionalProperties: false },
        ),
        { maxItems: 2_000_000 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CubeDefinition = Static<typeof CubeDefinition>;

const asCubeDb = (db: ModelDb): CubeDb => db;

async function cubeRow(db: ModelDb, id: string) {
  const row = await db.selectFrom('cubes').select('dimension_ids').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.dimension_ids) as string[]) : null;
}

async function dimensionCodes(db: ModelDb, ids: readonly string[]): Promise<string[]> {
  const rows = ids.length
    ? await db
        .selectFrom('model_objects')
        .select(['id', 'code'])
        .where('id', 'in', [...ids])
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r.code]));
  return ids.map((id) => byId.get(id) ?? id);
}

async function dimensionIdsByCode(db: ModelDb, codes: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const code of codes) {
    const row = await db
      .selectFrom('model_objects')
      .select('id')
      .where('kind', '=', 'dimension')
      .where('code', '=', code.normalize('NFC'))
      .executeTakeFirst();
    if (!row) throw new AppError('PACKAGE_DEPENDENCY_MISSING', { params: { kind: 'dimension', code } });
    out.push(row.id);
  }
  return out;
}

/** Leaf cells as element-id coordinates; an unknown element or a total is refused. */
function resolveCells(dims: readonly Dimension[], cells: CubeDefinition['cells']) {
  return (cells ?? []).map((c, i) => {
    if (c.coords.length !== dims.length)
      throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: `cells/${i}` } });
    const ids = c.coords.map((code, d) => {
      const dim = dims[d] as Dimension;
      const k = code.normalize('NFC');
      if (!dim.has(k))
        throw new AppError('ELEMENT_NOT_FOUND', { params: { element: `${dim.name}: ${code}` } });
      if (!dim.isLeaf(k)) throw new AppError('CELL_NOT_LEAF', { params: { cell: `${dim.name} = ${code}` } });
      return dim.id(k);
    });
    if (!Number.isFinite(c.value))
      throw new AppError('CELL_VALUE_INVALID', { params: { cell: c.coords.join(':') } });
    return { ids, value: c.value };
  });
}

export const cubeCodec: KindCodec<CubeDefinition> = {
  kind: 'cube',
  schema: CubeDefinition,
  order: 20,
  async export(db, id, withFigures) {
    const ids = (await cubeRow(db, id)) ?? [];
    const def: CubeDefinition = { dimensions: await dimensionCodes(db, ids) };
    if (!withFigures) return def;
    const dims = await Promise.all(ids.map((d) => readDimension(asCubeDb(db), d)));
    const rows = await db
      .selectFrom('cube_cells')
      .select(['coord', 'value'])
      .where('cube_id', '=', id)
      .orderBy('coord')
      .execute();
    def.cells = rows.map((r) => ({
      coords: r.coord.split(':').map((p, d) => (dims[d] as Dimension).code(Number(p))),
      value: Number(r.value),
    }));
    return def;
  },
  dependsOn: (def) => def.dimensions.map((code) => ({ kind: 'dimension' as const, code })),
  async conflict(db, id, def) {
    const ids = await cubeRow(db, id);
    if (!ids) return null;
    const codes = await dimensionCodes(db, ids);
    return codes.join(',') === def.dimensions.map((c) => c.normalize('NFC')).join(',')
      ? null
      : `dimensions ${codes.join(', ')} ≠ ${def.dimensions.join(', ')}`;
  },
  async diff(db, id, def) {
    const cells = def.cells ?? [];
    if (cells.length === 0) return [];
    const ids = (await cubeRow(db, id)) ?? [];
    const dims = await Promise.all(ids.map((d) => readDimension(asCubeDb(db), d)));
    const stored = new Map(
      (await db.selectFrom('cube_cells').select(['coord', 'value']).where('cube_id', '=', id).execute()).map(
        (r) => [r.coord, Number(r.value)],
      ),
    );
    let changed = 0;
    for (const c of cells) {
      if (c.coords.length !== dims.length || !c.coords.every((code, d) => (dims[d] as Dimension).has(code))) {
        changed++;
        continue;
      }
      const key = c.coords.map((code, d) => (dims[d] as Dimension).id(code)).join(':');
      if ((stored.get(key) ?? 0) !== c.value) changed++;
    }
    return changed ? [`~ ${changed} cell(s)`] : [];
  },
  async apply(db, deps, ctx, id, def, mode, actor) {
    const dimensionIds = await dimensionIdsByCode(db, def.dimensions);
    if (new Set(dimensionIds).size !== dimensionIds.length)
      throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: def.dimensions.join(', ') } });
    if (mode === 'create') {
      const row = await db
        .selectFrom('model_objects')
        .select('code')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('cubes')
        .values({
          id,
          name: row.code,
          dimension_ids: JSON.stringify(dimensionIds),
          created_at: deps.clock().toISOString(),
        })
        .execute();
    } else if (((await cubeRow(db, id)) ?? []).join(',') !== dimensionIds.join(',')) {
      throw new AppError('PACKAGE_CONFLICT');
    }
    if (!def.cells?.length) return;
    const dims = await Promise.all(dimensionIds.map((d) => readDimension(asCubeDb(db), d)));
    const cells = resolveCells(dims, def.cells);
    // Locked slices and closed workflow units refuse package figures as they refuse any write.
    const changes = new ChangeSet(dims.length, cells.length);
    for (const c of cells) changes.push(c.ids, 0, c.value);
    await cubeStore.checkWrite(ctx.db, db, id, new Cube(id, dims), [changes]);
    // The cell history (path `package`), in the same transaction: old values as stored before.
    const stored = new Map(
      (await db.selectFrom('cube_cells').select(['coord', 'value']).where('cube_id', '=', id).execute()).map(
        (r) => [r.coord, Number(r.value)],
      ),
    );
    const last = new Map<string, number>();
    for (const c of cells) last.set(c.ids.join(':'), c.value);
    const net = [...last]
      .map(([coord, value]) => ({ coord, oldValue: stored.get(coord) ?? 0, newValue: value }))
      .filter((n) => n.oldValue !== n.newValue);
    await upsertCells(db, id, cells);
    await recordHistory(
      db,
      { cubeId: id, userId: actor.type === 'user' ? actor.id : null, source: 'package', at: deps.clock() },
      net,
    );
  },
};
