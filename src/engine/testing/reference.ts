import type { Dimension } from '../dimension.js';

/**
 * Naive reference model for tests: leaf cells in a plain Map keyed by
 * "id:id:…", consolidated values by the recursive definition
 * value = Σ children (weight × child value) on the first consolidated dimension.
 */
export class ReferenceCube {
  readonly cells = new Map<string, number>();
  constructor(readonly dims: readonly Dimension[]) {}

  set(ids: readonly number[], v: number): void {
    if (v === 0) this.cells.delete(ids.join(':'));
    else this.cells.set(ids.join(':'), v);
  }

  leaf(ids: readonly number[]): number {
    return this.cells.get(ids.join(':')) ?? 0;
  }

  read(ids: readonly number[]): number {
    for (let d = 0; d < ids.length; d++) {
      const dim = this.dims[d] as Dimension;
      const e = ids[d] as number;
      if (dim.isLeaf(e)) continue;
      let s = 0;
      for (const c of dim.children(e)) {
        const next = [...ids];
        next[d] = c.id;
        s += c.weight * this.read(next);
      }
      return s;
    }
    return this.leaf(ids);
  }

  /** Sum of |w·x| over leaves below: the natural scale for relative error checks. */
  scale(ids: readonly number[]): number {
    for (let d = 0; d < ids.length; d++) {
      const dim = this.dims[d] as Dimension;
      const e = ids[d] as number;
      if (dim.isLeaf(e)) continue;
      let s = 0;
      for (const c of dim.children(e)) {
        const next = [...ids];
        next[d] = c.id;
        s += Math.abs(c.weight) * this.scale(next);
      }
      return s;
    }
    return Math.abs(this.leaf(ids));
  }

  /** Every stored cell as [ids, value]. */
  entries(): [number[], number][] {
    return [...this.cells].map(([k, v]) => [k.split(':').map(Number), v]);
  }
}

export function close(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale);
}
