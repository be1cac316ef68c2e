import { Cube, Dimension } from '../../src/engine/index.js';
import type { Dataset } from './generate.js';

/** Builds the engine's dimensions (same ids as the dataset) and an empty cube. */
export function buildCube(ds: Dataset): Cube {
  const dims = ds.dims.map((d) => {
    const dim = new Dimension(d.name);
    for (const c of d.codes) dim.addElement(c);
    for (const [p, c, w] of d.links) dim.addLink(p, c, w);
    return dim;
  });
  return new Cube('bench', dims);
}

export function yosanGrid(cube: Cube, ds: Dataset): Float64Array {
  const g = ds.grid;
  const fixed: Record<string, number> = {};
  ds.dims.forEach((d, i) => {
    if (i !== g.rowDim && i !== g.colDim) fixed[d.name] = g.fixed[i] ?? 0;
  });
  return cube.readGrid({
    rows: { dimension: g.rowDim, elements: g.rows },
    columns: { dimension: g.colDim, elements: g.cols },
    fixed,
  }).values;
}
