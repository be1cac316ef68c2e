import type { ChangeSet } from './changes.js';
import { addExact } from './exact.js';
import type { Closure } from './hierarchy.js';

const MAX_ENTRIES = 1 << 17;
/** Above this many (changes × entries) products, a batch drops the cache instead of patching it. */
const PATCH_BUDGET = 2e6;

/**
 * Cache of consolidated cell values, keyed by (partition key, inner key) of
 * the consolidated coordinates. Each entry keeps the exact sum of its terms
 * as a double-double (exact.ts); a write patches every entry it touches by
 * removing the cell's old canonical term and adding its new one, exactly, so
 * a read after a write is a hash lookup, not a rescan, and gives the very
 * double a fresh scan (e.g. after a restart) gives. An entry whose exact sum
 * no longer fits its double-double is dropped and recomputed on next read.
 */
export class ValueCache {
  private readonly dims: number;
  private index = new Map<number, Map<number, number>>();
  private elems: Int32Array[];
  private vals: Float64Array;
  private los: Float64Array;
  private bad: Uint8Array;
  private keys: Float64Array;
  private count = 0;
  /** Per dimension, a scratch table of ancestor weights of one leaf. */
  private scratch: Float64Array[] = [];

  constructor(dims: number) {
    this.dims = dims;
    this.elems = Array.from({ length: dims }, () => new Int32Array(64));
    this.vals = new Float64Array(64);
    this.los = new Float64Array(64);
    this.bad = new Uint8Array(64);
    this.keys = new Float64Array(128);
  }

  get size(): number {
    return this.count;
  }

  get(pk: number, ik: number): number | undefined {
    const at = this.index.get(pk)?.get(ik);
    return at === undefined ? undefined : (this.vals[at] ?? 0) + (this.los[at] ?? 0) + 0;
  }

  /** Caches the exact sum hi + lo of a consolidated cell. */
  put(pk: number, ik: number, ids: ArrayLike<number>, hi: number, lo: number): void {
    let inner = this.index.get(pk);
    if (!inner) {
      inner = new Map();
      this.index.set(pk, inner);
    }
    const known = inner.get(ik);
    if (known !== undefined) {
      this.vals[known] = hi;
      this.los[known] = lo;
      this.bad[known] = 0;
      return;
    }
    if (this.count >= MAX_ENTRIES) {
      this.clear();
      this.put(pk, ik, ids, hi, lo);
      return;
    }
    if (this.count === this.vals.length) this.grow();
    for (let d = 0; d < this.dims; d++) (this.elems[d] ?? new Int32Array(0))[this.count] = ids[d] ?? 0;
    this.vals[this.count] = hi;
    this.los[this.count] = lo;
    this.bad[this.count] = 0;
    this.keys[2 * this.count] = pk;
    this.keys[2 * this.count + 1] = ik;
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
    const { vals, los, bad } = this;
    for (let c = 0; c < n; c++) {
      const oldV = olds[c] ?? 0;
      const newV = news[c] ?? 0;
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
        if (bad[i] === 1) continue;
        // Canonical terms: value × w₀ × … × wₙ₋₁, left to right (as kernel-canonical.ts).
        let tOld = oldV;
        let tNew = newV;
        for (let d = 0; d < this.dims && (tOld !== 0 || tNew !== 0); d++) {
          const w = (this.scratch[d] ?? vals)[(this.elems[d] ?? vals)[i] ?? 0] ?? 0;
          tOld *= w;
          tNew *= w;
        }
        if (tOld !== 0) addExact(vals, los, bad, i, -tOld);
        if (tNew !== 0) addExact(vals, los, bad, i, tNew);
        if (bad[i] === 1) this.index.get(this.keys[2 * i] ?? 0)?.delete(this.keys[2 * i + 1] ?? 0);
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
    return this.vals.byteLength * (3 + this.dims / 2) + this.bad.byteLength + this.count * 80;
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
    const l = new Float64Array(cap);
    l.set(this.los);
    this.los = l;
    const b = new Uint8Array(cap);
    b.set(this.bad);
    this.bad = b;
    const k = new Float64Array(2 * cap);
    k.set(this.keys);
    this.keys = k;
  }
}
