import { Type, type Static } from 'typebox';
import { Dimension, type AttributeValue } from '../../engine/index.js';
import { readDimension, writeDimension } from '../cubes/store.js';
import type { CubeDb } from '../cubes/tables.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { KindCodec } from './definitions.js';
import { elementName, NAME_EN, NAME_JA } from './dimension-ops.js';
import { toAppError } from './errors.js';
import type { ModelDb } from './tables.js';

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Name = Type.String({ minLength: 1, maxLength: 200 });

/**
 * A dimension in a package: its elements in display order (code, ja/en name, other attributes)
 * and every parent → child link with its weight, in each parent's child order. An element with
 * several parents (an alternate hierarchy) simply has several links.
 */
export const DimensionDefinition = Type.Object(
  {
    elements: Type.Array(
      Type.Object(
        {
          code: Code,
          name: Type.Object({ ja: Name, en: Name }, { additionalProperties: false }),
          attributes: Type.Optional(
            Type.Record(
              Type.String({ minLength: 1, maxLength: 64 }),
              Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean()]),
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100_000 },
    ),
    links: Type.Array(
      Type.Object({ parent: Code, child: Code, weight: Type.Number() }, { additionalProperties: false }),
      { maxItems: 200_000 },
    ),
  },
  { additionalProperties: false },
);
export type DimensionDefinition = Static<typeof DimensionDefinition>;

const asCubeDb = (db: ModelDb): CubeDb => db;

export function dimensionDefinition(dim: Dimension): DimensionDefinition {
  return {
    elements: dim.elements().map((id) => {
      const { [NAME_JA]: _ja, [NAME_EN]: _en, ...rest } = dim.attributes(id);
      const e: DimensionDefinition['elements'][number] = { code: dim.code(id), name: elementName(dim, id) };
      if (Object.keys(rest).length > 0) e.attributes = rest;
      return e;
    }),
    links: dim
      .elements()
      .flatMap((p) =>
        dim.children(p).map((c) => ({ parent: dim.code(p), child: dim.code(c.id), weight: c.weight })),
      ),
  };
}

/**
 * The dimension the definition asks for, built over the stored one (if any) so that stored
 * element ids never change: stored elements keep their id; the package's elements take its
 * names, attributes, display order and links; elements only the tenant has (the engine never
 * deletes elements) keep their links and come last in the display order.
 */
export function mergeDimension(code: string, def: DimensionDefinition, stored?: Dimension): Dimension {
  const dim = new Dimension(code);
  const defined = new Map(def.elements.map((e) => [e.code.normalize('NFC'), e]));
  const attrs = (e: DimensionDefinition['elements'][number]): Record<string, AttributeValue> => ({
    ...Object.fromEntries(Object.entries(e.attributes ?? {})),
    [NAME_JA]: e.name.ja,
    [NAME_EN]: e.name.en,
  });
  if (stored) {
    for (let id = 0; id < stored.size; id++) {
      const c = stored.code(id);
      const e = defined.get(c);
      dim.addElement(c, e ? attrs(e) : stored.attributes(id));
    }
  }
  for (const [c, e] of defined) if (!dim.has(c)) dim.addElement(c, attrs(e));
  for (const l of def.links) dim.addLink(l.parent.normalize('NFC'), l.child.normalize('NFC'), l.weight);
  if (stored) {
    for (const p of stored.elements()) {
      for (const k of stored.children(p)) {
        const child = stored.code(k.id);
        if (!defined.has(child)) dim.addLink(stored.code(p), child, k.weight);
      }
    }
  }
  const order = [...defined.keys()].map((c) => dim.id(c));
  const listed = new Set(order);
  const rest = (stored ? stored.elements() : []).filter((id) => !listed.has(id));
  if (dim.size > 0) dim.reorder([...order, ...rest]);
  return dim;
}

function built(code: string, def: DimensionDefinition, stored?: Dimension): Dimension {
  const seen = new Set<string>();
  for (const e of def.elements) {
    const c = e.code.normalize('NFC');
    if (seen.has(c)) throw new AppError('ELEMENT_CODE_TAKEN', { params: { code: c } });
    seen.add(c);
  }
  try {
    return mergeDimension(code, def, stored);
  } catch (error) {
    throw toAppError(error);
  }
}

/** Human-readable differences between two dimensions (by code). */
export function dimensionDiff(from: Dimension, to: Dimension): string[] {
  const lines: string[] = [];
  const before = dimensionDefinition(from);
  const after = dimensionDefinition(to);
  const old = new Map(before.elements.map((e) => [e.code, e]));
  for (const e of after.elements) {
    const o = old.get(e.code);
    if (!o) lines.push(`+ element ${e.code} (${e.name.ja} / ${e.name.en})`);
    else if (JSON.stringify(o) !== JSON.stringify(e))
      lines.push(`~ element ${e.code}: ${o.name.ja} / ${o.name.en} → ${e.name.ja} / ${e.name.en}`);
  }
  const key = (l: { parent: string; child: string }) => `${l.parent} → ${l.child}`;
  const oldLinks = new Map(before.links.map((l) => [key(l), l.weight]));
  const newLinks = new Map(after.links.map((l) => [key(l), l.weight]));
  for (const [k, w] of newLinks) {
    const ow = oldLinks.get(k);
    if (ow === undefined) lines.push(`+ link ${k} (${w})`);
    else if (ow !== w) lines.push(`~ weight ${k}: ${ow} → ${w}`);
  }
  for (const [k, w] of oldLinks) if (!newLinks.has(k)) lines.push(`- link ${k} (${w})`);
  if (lines.length === 0 && JSON.stringify(before) !== JSON.stringify(after)) lines.push('~ order');
  return lines;
}

export const dimensionCodec: KindCodec<DimensionDefinition> = {
  kind: 'dimension',
  schema: DimensionDefinition,
  order: 10,
  async export(db, id) {
    return dimensionDefinition(await readDimension(asCubeDb(db), id));
  },
  dependsOn: () => [],
  async diff(db, id, def) {
    const stored = await readDimension(asCubeDb(db), id);
    return dimensionDiff(stored, built(stored.name, def, stored));
  },
  async apply(db, _deps, _ctx, id, def, mode) {
    const row = await db
      .selectFrom('model_objects')
      .select('code')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stored = mode === 'update' ? await readDimension(asCubeDb(db), id) : undefined;
    const dim = built(row.code, def, stored);
    await writeDimension(db, id, dim);
  },
};
