import type { ChangeSet } from './changes.js';
import type { Closure } from './hierarchy.js';

const MAX_ENTRIES = 1 << 17;
/** Above this many (changes × entries) products, a batch drops the cache instead of patching it. */
const PATCH_BUDGET = 2e6;

/**
 * Cache of consolidated cell values, keyed by (partition key, inner key) of
 * the consolidated coordinates. Writes patch every cached entry they touch by
 * weight × delta, so a read after a write is a hash lookup, not a rescan.
 */
export class ValueCache {
  private readonly dims: number;
  private index = new Map<number, Map<number, number>>();
  private elems: Int32Array[];
  private vals: Float64Array;
  private count = 0;
  /** Per dimension, a scratch table of ancestor weights of one leaf. */
  private scratch: Float64Array[] = [];

  constructor(dims: number) {
    this.dims = dims;
    this.elems = Array.from({ length: dims }, () => new Int32Array(64));
    this.vals = new Float64Array(64);
  }

  get size(): number {
    return this.count;
  }

  get(pk: number, ik: number): number | undefined {
    const at = this.index.get(pk)?.get(ik);
    return at === undefined ? undefined : this.vals[at];
  }

  put(pk: number, ik: number, ids: ArrayLike<number>, value: number): void {
    let inner = this.index.get(pk);
    if (!inner) {
      inner = new Map();
      this.index.set(pk, inner);
    }
    const known = inner.get(ik);
    if (known !== undefined) {
      this.vals[known] = value;
      return;
    }
    if (this.count >= MAX_ENTRIES) {
      this.clear();
      this.put(pk, ik, ids, value);
      return;
    }
    if (this.count === this.vals.length) this.grow();
    for (let d = 0; d < this.dims; d++) (this.elems[d] ?? new Int32Array(0))[this.count] = ids[d] ?? 0;
    this.vals[this.count] = value;
    inner.set(ik, this.count++);
  }

  clear(): void {
    this.index = new Map();
    this.count = 0;
  }

  /** Patches cached totals with a change set; drops everything when that would cost more than a rescan. */
  apply(changes: ChangeSet, closures: readonly Closure[], capacities: readonly number[]): void {
    const n = changes.length;
    if (n === 0 || this.count === 0) return;
    if (n * this.count > PATCH_BUDGET) {
      this.clear();
      return;
    }
    for (let d = 0; d < this.dims; d++) {
      const cap = capacities[d] ?? 0;
      if ((this.scratch[d]?.length ?? -1) !== cap) this.scratch[d] = new Float64Array(cap);
    }
    const coords = changes.coords;
    const olds = changes.oldValues;
    const news = changes.newValues;
    const count = this.count;
    const vals = this.vals;
    for (let c = 0; c < n; c++) {
      const delta = (news[c] ?? 0) - (olds[c] ?? 0);
      const base = c * this.dims;
      for (let d = 0; d < this.dims; d++) {
        const cl = closures[d];
        const s = this.scratch[d];
        if (!cl || !s) continue;
        const leaf = coords[base + d] ?? 0;
        for (let k = cl.upStart[leaf] ?? 0, e = cl.upStart[leaf + 1] ?? 0; k < e; k++) {
          s[cl.upAncestor[k] ?? 0] = cl.upWeight[k] ?? 0;
        }
      }
      for (let i = 0; i < count; i++) {
        let w = delta;
        for (let d = 0; d < this.dims && w !== 0; d++) {
          w *= (this.scratch[d] ?? vals)[(this.elems[d] ?? vals)[i] ?? 0] ?? 0;
        }
        if (w !== 0) vals[i] = (vals[i] ?? 0) + w;
      }
      for (let d = 0; d < this.dims; d++) {
        const cl = closures[d];
        const s = this.scratch[d];
        if (!cl || !s) continue;
        const leaf = coords[base + d] ?? 0;
        for (let k = cl.upStart[leaf] ?? 0, e = cl.upStart[leaf + 1] ?? 0; k < e; k++)
          s[cl.upAncestor[k] ?? 0] = 0;
      }
    }
  }

  bytes(): number {
    return this.vals.byteLength * (1 + this.dims / 2) + this.count * 80;
  }

  private grow(): void {
    const cap = this.vals.length * 2;
    this.elems = this.elems.map((a) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    });
    const v = new Float64Array(cap);
    v.set(this.vals);
    this.vals = v;
  }
}
