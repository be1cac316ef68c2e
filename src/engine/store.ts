/** Marker of an empty slot in both key words. */
export const EMPTY = -1;
const MAX_LOAD = 0.85;
const GROW_LOAD = 0.6;

export function hashKey(lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * One partition: an open-addressing (linear probing, backward-shift
 * deletion, no tombstones) hash of inner keys (lo, hi: Int32) → Float64 value.
 * Empty slots hold key (-1, -1) and value 0, so a scan may sum all slots
 * without testing for emptiness.
 */
export class Partition {
  readonly pk: number;
  /** Element id of each partition dimension (by partition-dim position). */
  readonly elems: Int32Array;
  lo: Int32Array;
  hi: Int32Array;
  vals: Float64Array;
  size = 0;

  constructor(pk: number, elems: Int32Array, capacity: number) {
    this.pk = pk;
    this.elems = elems;
    const cap = Math.max(4, capacity);
    this.lo = new Int32Array(cap).fill(EMPTY);
    this.hi = new Int32Array(cap).fill(EMPTY);
    this.vals = new Float64Array(cap);
  }

  get capacity(): number {
    return this.vals.length;
  }

  /** Slot of the key, or -1. */
  find(lo: number, hi: number): number {
    const cap = this.vals.length;
    const klo = this.lo;
    let i = hashKey(lo, hi) % cap;
    for (;;) {
      const l = klo[i] ?? EMPTY;
      if (l === lo && this.hi[i] === hi) return i;
      if (l === EMPTY) return -1;
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  get(lo: number, hi: number): number {
    const s = this.find(lo, hi);
    return s < 0 ? 0 : (this.vals[s] ?? 0);
  }

  /** Sets the value (0 deletes the cell); returns the previous value. */
  put(lo: number, hi: number, value: number): number {
    const cap = this.vals.length;
    let i = hashKey(lo, hi) % cap;
    for (;;) {
      const l = this.lo[i] ?? EMPTY;
      if (l === lo && this.hi[i] === hi) {
        const old = this.vals[i] ?? 0;
        if (value === 0) this.removeAt(i);
        else this.vals[i] = value;
        return old;
      }
      if (l === EMPTY) break;
      i = i + 1 === cap ? 0 : i + 1;
    }
    if (value === 0) return 0;
    if (this.size + 1 > cap * MAX_LOAD) {
      this.resize(Math.ceil((this.size + 1) / GROW_LOAD));
      return this.put(lo, hi, value);
    }
    this.lo[i] = lo;
    this.hi[i] = hi;
    this.vals[i] = value;
    this.size++;
    return 0;
  }

  /** Makes room for `extra` more cells at the given load factor. */
  reserve(extra: number, load: number): void {
    const need = Math.ceil((this.size + extra) / load);
    if (need > this.vals.length && this.size + extra > this.vals.length * MAX_LOAD) this.resize(need);
  }

  removeAt(slot: number): void {
    const cap = this.vals.length;
    let i = slot;
    let j = slot;
    for (;;) {
      j = j + 1 === cap ? 0 : j + 1;
      const l = this.lo[j] ?? EMPTY;
      if (l === EMPTY) break;
      const k = hashKey(l, this.hi[j] ?? EMPTY) % cap;
      // Move j back to i unless its home k lies cyclically in (i, j].
      const inRange = i <= j ? k > i && k <= j : k > i || k <= j;
      if (!inRange) {
        this.lo[i] = l;
        this.hi[i] = this.hi[j] ?? EMPTY;
        this.vals[i] = this.vals[j] ?? 0;
        i = j;
      }
    }
    this.lo[i] = EMPTY;
    this.hi[i] = EMPTY;
    this.vals[i] = 0;
    this.size--;
  }

  resize(capacity: number): void {
    const oldLo = this.lo;
    const oldHi = this.hi;
    const oldVals = this.vals;
    const cap = Math.max(4, capacity, Math.ceil(this.size / MAX_LOAD) + 1);
    this.lo = new Int32Array(cap).fill(EMPTY);
    this.hi = new Int32Array(cap).fill(EMPTY);
    this.vals = new Float64Array(cap);
    for (let s = 0; s < oldLo.length; s++) {
      const l = oldLo[s] ?? EMPTY;
      if (l === EMPTY) continue;
      const h = oldHi[s] ?? EMPTY;
      let i = hashKey(l, h) % cap;
      while (this.lo[i] !== EMPTY) i = i + 1 === cap ? 0 : i + 1;
      this.lo[i] = l;
      this.hi[i] = h;
      this.vals[i] = oldVals[s] ?? 0;
    }
  }

  bytes(): number {
    return this.vals.length * 16 + this.elems.byteLength;
  }
}
