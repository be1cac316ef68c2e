/**
 * Per-dimension closure: for every element, the leaves below it with their
 * weight, and for every leaf, its ancestors (itself included) with the same
 * weights. Weight of a leaf under an element = sum over every distinct path
 * from the element down to the leaf of the product of the link weights along
 * the path (so consolidated value = Σ children weight × child value).
 * Entries whose weights cancel to exactly 0 are kept (the leaf is still a
 * descendant) — readers multiply by 0, selections still see the leaf.
 */
export interface HierarchySource {
  readonly size: number;
  childIdsOf(id: number): readonly number[];
  childWeightsOf(id: number): readonly number[];
}

export class Closure {
  /** 1 when the element has no children. */
  readonly isLeaf: Uint8Array;
  /** Leaf ids, ascending. */
  readonly leaves: Int32Array;
  /** CSR: element → (leaf, weight). */
  readonly downStart: Int32Array;
  readonly downLeaf: Int32Array;
  readonly downWeight: Float64Array;
  /** CSR: leaf → (ancestor-or-self, weight). Empty for consolidated elements. */
  readonly upStart: Int32Array;
  readonly upAncestor: Int32Array;
  readonly upWeight: Float64Array;
  /** 1 when the element covers every leaf of the dimension with weight exactly 1. */
  readonly isUnit: Uint8Array;

  constructor(src: HierarchySource) {
    const n = src.size;
    this.isLeaf = new Uint8Array(n);
    const leafList: number[] = [];
    for (let id = 0; id < n; id++) {
      if (src.childIdsOf(id).length === 0) {
        this.isLeaf[id] = 1;
        leafList.push(id);
      }
    }
    this.leaves = Int32Array.from(leafList);
    // Post-order memoised weighted leaf maps.
    const memo: (Map<number, number> | undefined)[] = new Array<Map<number, number> | undefined>(n);
    const visit = (id: number): Map<number, number> => {
      const known = memo[id];
      if (known) return known;
      const m = new Map<number, number>();
      if (this.isLeaf[id] === 1) {
        m.set(id, 1);
      } else {
        const kids = src.childIdsOf(id);
        const ws = src.childWeightsOf(id);
        for (let k = 0; k < kids.length; k++) {
          const w = ws[k] ?? 0;
          for (const [leaf, lw] of visit(kids[k] ?? 0)) m.set(leaf, (m.get(leaf) ?? 0) + w * lw);
        }
      }
      memo[id] = m;
      return m;
    };
    let total = 0;
    for (let id = 0; id < n; id++) total += visit(id).size;
    this.downStart = new Int32Array(n + 1);
    this.downLeaf = new Int32Array(total);
    this.downWeight = new Float64Array(total);
    this.isUnit = new Uint8Array(n);
    const upCount = new Int32Array(n + 1);
    let pos = 0;
    for (let id = 0; id < n; id++) {
      this.downStart[id] = pos;
      const m = memo[id] ?? new Map<number, number>();
      const sorted = [...m.keys()].sort((a, b) => a - b);
      let unit = sorted.length === leafList.length;
      for (const leaf of sorted) {
        const w = m.get(leaf) ?? 0;
        if (w !== 1) unit = false;
        this.downLeaf[pos] = leaf;
        this.downWeight[pos] = w;
        upCount[leaf + 1] = (upCount[leaf + 1] ?? 0) + 1;
        pos++;
      }
      if (unit) this.isUnit[id] = 1;
    }
    this.downStart[n] = pos;
    this.upStart = new Int32Array(n + 1);
    for (let id = 0; id < n; id++) this.upStart[id + 1] = (this.upStart[id] ?? 0) + (upCount[id + 1] ?? 0);
    this.upAncestor = new Int32Array(total);
    this.upWeight = new Float64Array(total);
    const fill = this.upStart.slice(0, n);
    for (let id = 0; id < n; id++) {
      for (let k = this.downStart[id] ?? 0, e = this.downStart[id + 1] ?? 0; k < e; k++) {
        const leaf = this.downLeaf[k] ?? 0;
        const at = fill[leaf] ?? 0;
        this.upAncestor[at] = id;
        this.upWeight[at] = this.downWeight[k] ?? 0;
        fill[leaf] = at + 1;
      }
    }
  }

  /** Weight of `leaf` under `element` (0 when not below it). O(log leaves). */
  weight(element: number, leaf: number): number {
    let lo = this.downStart[element] ?? 0;
    let hi = (this.downStart[element + 1] ?? 0) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const l = this.downLeaf[mid] ?? 0;
      if (l === leaf) return this.downWeight[mid] ?? 0;
      if (l < leaf) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Number of leaves below (or equal to) the element. */
  leafCountOf(element: number): number {
    return (this.downStart[element + 1] ?? 0) - (this.downStart[element] ?? 0);
  }

  /**
   * Dense weight table of `element` indexed by element id (length `size`),
   * 0 for elements not below it.
   */
  weightTable(element: number, size: number): Float64Array {
    const t = new Float64Array(size);
    for (let k = this.downStart[element] ?? 0, e = this.downStart[element + 1] ?? 0; k < e; k++) {
      t[this.downLeaf[k] ?? 0] = this.downWeight[k] ?? 0;
    }
    return t;
  }
}
