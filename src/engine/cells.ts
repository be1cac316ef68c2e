import type { ChangeSet } from './changes.js';
import { Layout } from './layout.js';
import { EMPTY, Partition } from './store.js';

const BULK_LOAD_FACTOR = 0.8;
const DENSE_PART_LIMIT = 1 << 20;

/**
 * The leaf-cell store: partitions (one hash table per tuple of
 * partition-dimension elements) found through a dense array when the
 * partition key space is small, or a Map otherwise.
 */
export class CellStore {
  layout: Layout;
  readonly parts = new Map<number, Partition>();
  private dense: (Partition | undefined)[] | undefined;
  /** Result registers of `locate`. */
  pk = 0;
  lo = 0;
  hi = 0;

  constructor(sizes: readonly number[], partDims: readonly number[]) {
    this.layout = new Layout(sizes, partDims);
    this.resetDense();
  }

  get cellCount(): number {
    let n = 0;
    for (const p of this.parts.values()) n += p.size;
    return n;
  }

  get bytes(): number {
    let b = 0;
    for (const p of this.parts.values()) b += p.bytes() + 64;
    return b + (this.dense ? this.dense.length * 8 : this.parts.size * 32);
  }

  /** Packs element ids into (pk, lo, hi). */
  locate(ids: ArrayLike<number>): void {
    const L = this.layout;
    let pk = 0;
    for (let j = 0; j < L.partDims.length; j++) pk += (ids[L.partDims[j] ?? 0] ?? 0) * (L.partMult[j] ?? 0);
    let lo = 0;
    let hi = 0;
    for (const d of L.innerDims) {
      const f = (ids[d] ?? 0) << (L.shift[d] ?? 0);
      if (L.word[d] === 0) lo |= f;
      else hi |= f;
    }
    this.pk = pk;
    this.lo = lo;
    this.hi = hi;
  }

  partition(pk: number): Partition | undefined {
    return this.dense ? this.dense[pk] : this.parts.get(pk);
  }

  get(ids: ArrayLike<number>): number {
    this.locate(ids);
    return this.partition(this.pk)?.get(this.lo, this.hi) ?? 0;
  }

  /** Sets a leaf cell (0 deletes); returns the previous value. */
  put(ids: ArrayLike<number>, value: number): number {
    this.locate(ids);
    let p = this.partition(this.pk);
    if (!p) {
      if (value === 0) return 0;
      p = this.createPartition(this.pk, ids, 8);
    }
    return p.put(this.lo, this.hi, value);
  }

  /** Bulk insert of columns of leaf ids; records changes into `cs` when given. */
  bulkInsert(ids: readonly Int32Array[], values: Float64Array, cs: ChangeSet | undefined): void {
    const nd = ids.length;
    const n = values.length;
    const pks = new Float64Array(n);
    const los = new Int32Array(n);
    const his = new Int32Array(n);
    const counts = new Map<number, number>();
    const firsts = new Map<number, number>();
    const dc = this.dense ? new Int32Array(this.dense.length) : undefined;
    const one = new Int32Array(nd);
    let lastPk = NaN;
    let run = 0;
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < nd; d++) one[d] = (ids[d] as Int32Array)[i] ?? 0;
      this.locate(one);
      pks[i] = this.pk;
      los[i] = this.lo;
      his[i] = this.hi;
      if (this.pk === lastPk) {
        run++;
        continue;
      }
      if (run > 0) {
        if (dc) dc[lastPk] = (dc[lastPk] ?? 0) + run;
        else counts.set(lastPk, (counts.get(lastPk) ?? 0) + run);
      }
      if (dc ? dc[this.pk] === 0 : !counts.has(this.pk)) firsts.set(this.pk, i);
      if (!dc && !counts.has(this.pk)) counts.set(this.pk, 0);
      lastPk = this.pk;
      run = 1;
    }
    if (run > 0) {
      if (dc) dc[lastPk] = (dc[lastPk] ?? 0) + run;
      else counts.set(lastPk, (counts.get(lastPk) ?? 0) + run);
    }
    if (dc) for (const pk of firsts.keys()) counts.set(pk, dc[pk] ?? 0);
    for (const [pk, c] of counts) {
      const p = this.partition(pk);
      if (p) p.reserve(c, BULK_LOAD_FACTOR);
      else {
        const first = firsts.get(pk) ?? 0;
        for (let d = 0; d < nd; d++) one[d] = (ids[d] as Int32Array)[first] ?? 0;
        this.createPartition(pk, one, Math.ceil(c / BULK_LOAD_FACTOR));
      }
    }
    lastPk = NaN;
    let p: Partition | undefined;
    for (let i = 0; i < n; i++) {
      const pk = pks[i] ?? 0;
      if (pk !== lastPk) {
        p = this.partition(pk);
        lastPk = pk;
      }
      const v = values[i] ?? 0;
      const old = (p as Partition).put(los[i] ?? 0, his[i] ?? 0, v);
      if (cs && old !== v) {
        for (let d = 0; d < nd; d++) one[d] = (ids[d] as Int32Array)[i] ?? 0;
        cs.push(one, old, v);
      }
    }
  }

  /**
   * Visits every stored cell whose weight product under `tables` is non-zero
   * (`tables[d]` indexed by element id; undefined = every element). The
   * callback may not modify the store.
   */
  visit(
    tables: readonly (Float64Array | undefined)[],
    cb: (ids: Int32Array, value: number, w: number) => void,
  ): void {
    const L = this.layout;
    const ids = new Int32Array(tables.length);
    for (const p of this.parts.values()) {
      let pw = 1;
      L.partDims.forEach((d, j) => {
        const id = p.elems[j] ?? 0;
        ids[d] = id;
        const t = tables[d];
        if (t) pw *= t[id] ?? 0;
      });
      if (pw === 0 || p.size === 0) continue;
      const { lo, hi, vals } = p;
      for (let i = 0; i < vals.length; i++) {
        const l = lo[i] ?? EMPTY;
        if (l === EMPTY) continue;
        let w = pw;
        for (const d of L.innerDims) {
          const id = ((L.word[d] === 0 ? l : (hi[i] ?? 0)) >>> (L.shift[d] ?? 0)) & (L.mask[d] ?? 0);
          ids[d] = id;
          const t = tables[d];
          if (t) w *= t[id] ?? 0;
        }
        if (w !== 0) cb(ids, vals[i] ?? 0, w);
      }
    }
  }

  /** Re-packs every cell for new dimension sizes (same partition dimensions). */
  relayout(sizes: readonly number[]): void {
    const old = [...this.parts.values()];
    const oldLayout = this.layout;
    this.layout = new Layout(sizes, oldLayout.partDims);
    this.parts.clear();
    this.resetDense();
    const ids = new Int32Array(sizes.length);
    for (const p of old) {
      oldLayout.partDims.forEach((d, j) => (ids[d] = p.elems[j] ?? 0));
      for (let i = 0; i < p.vals.length; i++) {
        const l = p.lo[i] ?? EMPTY;
        if (l === EMPTY) continue;
        for (const d of oldLayout.innerDims) {
          const src = oldLayout.word[d] === 0 ? l : (p.hi[i] ?? 0);
          ids[d] = (src >>> (oldLayout.shift[d] ?? 0)) & (oldLayout.mask[d] ?? 0);
        }
        this.put(ids, p.vals[i] ?? 0);
      }
    }
  }

  private createPartition(pk: number, ids: ArrayLike<number>, capacity: number): Partition {
    const elems = Int32Array.from(this.layout.partDims, (d) => ids[d] ?? 0);
    const p = new Partition(pk, elems, capacity);
    this.parts.set(pk, p);
    if (this.dense) this.dense[pk] = p;
    return p;
  }

  private resetDense(): void {
    let space = 1;
    for (const d of this.layout.partDims) space *= this.layout.capacity(d);
    this.dense = space <= DENSE_PART_LIMIT ? new Array<Partition | undefined>(space) : undefined;
  }
}
