import type { Cube, Dimension } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import { coordsOf } from '../model/cube-service.js';
import { cellLevel, type CubeRights } from '../model/rights.js';
import type { CellSet } from './schemas.js';

/** A cell of a request, resolved: element ids, the stored coordinate key, and codes by dimension. */
export interface ResolvedCell {
  ids: Int32Array;
  key: string;
  leaf: boolean;
}

export const MAX_SET_CELLS = 5000;

export const keyOf = (ids: ArrayLike<number>): string => Array.prototype.join.call(ids, ':');

/** `{ dimension: element code }` of a coordinate key. */
export function coordsOfKey(cube: Cube, key: string): Record<string, string> {
  const parts = key.split(':');
  const out: Record<string, string> = {};
  cube.dimensions.forEach((d, i) => {
    out[d.name] = d.code(Number(parts[i]));
  });
  return out;
}

/** One named cell (unknown elements are the engine's refusal, translated by the caller). */
export function resolveCell(cube: Cube, coords: Record<string, string>): ResolvedCell {
  const ids = cube.resolve(coordsOf(cube, coords));
  return { ids, key: keyOf(ids), leaf: isLeaf(cube, ids) };
}

const isLeaf = (cube: Cube, ids: Int32Array) => cube.dimensions.every((d, i) => d.isLeaf(ids[i] ?? -1));

/**
 * The cells of a set the user may READ (hidden cells are silently left out, so their existence
 * is not revealed), without duplicates, at most `MAX_SET_CELLS`.
 */
export function readableCells(cube: Cube, rights: CubeRights, set: CellSet): ResolvedCell[] {
  const out = new Map<string, ResolvedCell>();
  const add = (c: ResolvedCell) => {
    if (cellLevel(rights, cube, c.ids) > 0) out.set(c.key, c);
  };
  for (const c of set.cells ?? []) add(resolveCell(cube, c));
  const g = set.grid;
  if (g) {
    const rd = cube.dimIndex(g.rows.dimension);
    const cd = cube.dimIndex(g.columns.dimension);
    if (rd === cd) throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: g.rows.dimension } });
    if (g.rows.elements.length * g.columns.elements.length > MAX_SET_CELLS) tooMany();
    const base = cube.resolve(
      cube.dimensions.map((d, i) => {
        if (i === rd || i === cd) return d.elements()[0] ?? 0;
        const e = g.fixed[d.name];
        if (e === undefined) throw new AppError('CUBE_DIMENSION_UNKNOWN', { params: { dimension: d.name } });
        return e;
      }),
    );
    const rdim = cube.dimensions[rd] as Dimension;
    const cdim = cube.dimensions[cd] as Dimension;
    for (const r of g.rows.elements) {
      for (const c of g.columns.elements) {
        const ids = Int32Array.from(base);
        ids[rd] = rdim.id(r);
        ids[cd] = cdim.id(c);
        add({ ids, key: keyOf(ids), leaf: isLeaf(cube, ids) });
      }
    }
  }
  if (out.size > MAX_SET_CELLS) tooMany();
  return [...out.values()];
}

function tooMany(): never {
  throw new AppError('VALIDATION_FAILED', {
    issues: [{ path: '/cells', code: 'too_many_cells' }],
  });
}
