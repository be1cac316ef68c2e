import fc from 'fast-check';
import { Dimension } from '../dimension.js';

/** Random weighted hierarchies for the engine's property tests. */
export const WEIGHTS: readonly number[] = [1, 1, 1, -1, -1, 0.5, 2, -0.25, 1.5];

export interface DimSpec {
  leaves: number;
  /** For each consolidated element i: children as [index into later consolidated or leaves, weight index]. */
  links: [number, number][][];
}

export const dimSpec = fc
  .record({ leaves: fc.integer({ min: 1, max: 5 }), cons: fc.integer({ min: 1, max: 4 }) })
  .chain(({ leaves, cons }) =>
    fc.record({
      leaves: fc.constant(leaves),
      links: fc.array(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: WEIGHTS.length - 1 })), { minLength: 1, maxLength: 4 }),
        { minLength: cons, maxLength: cons },
      ),
    }),
  );

/** Consolidated C0…Ck link only to later consolidated elements or leaves: a random DAG, depth up to k+1. */
export function buildDim(name: string, spec: DimSpec, weights: readonly number[] = WEIGHTS): Dimension {
  const d = new Dimension(name);
  const k = spec.links.length;
  for (let i = 0; i < k; i++) d.addElement(`C${i}`);
  for (let i = 0; i < spec.leaves; i++) d.addElement(`L${i}`);
  spec.links.forEach((kids, i) => {
    const pool = k - i - 1 + spec.leaves;
    for (const [pick, wi] of kids) {
      const child = i + 1 + (pick % pool);
      if (!d.children(i).some((c) => c.id === child)) d.addLink(i, child, weights[wi % weights.length] ?? 1);
    }
  });
  return d;
}
