/** One changed leaf cell. */
export interface CellChange {
  /** Element ids, one per cube dimension. */
  readonly coords: number[];
  readonly oldValue: number;
  readonly newValue: number;
}

/**
 * The exact leaf deltas of one operation, in a compact columnar form:
 * `coords` holds `length × dims` element ids (row-major).
 */
export class ChangeSet {
  readonly dims: number;
  private ids: Int32Array;
  private olds: Float64Array;
  private news: Float64Array;
  private n = 0;

  constructor(dims: number, capacity = 16) {
    this.dims = dims;
    this.ids = new Int32Array(Math.max(1, capacity) * dims);
    this.olds = new Float64Array(Math.max(1, capacity));
    this.news = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.n;
  }

  get coords(): Int32Array {
    return this.ids.subarray(0, this.n * this.dims);
  }

  get oldValues(): Float64Array {
    return this.olds.subarray(0, this.n);
  }

  get newValues(): Float64Array {
    return this.news.subarray(0, this.n);
  }

  push(ids: ArrayLike<number>, oldValue: number, newValue: number): void {
    if (this.n === this.olds.length) this.grow();
    const base = this.n * this.dims;
    for (let d = 0; d < this.dims; d++) this.ids[base + d] = ids[d] ?? 0;
    this.olds[this.n] = oldValue;
    this.news[this.n] = newValue;
    this.n++;
  }

  at(i: number): CellChange {
    const base = i * this.dims;
    return {
      coords: Array.from(this.ids.subarray(base, base + this.dims)),
      oldValue: this.olds[i] ?? 0,
      newValue: this.news[i] ?? 0,
    };
  }

  toArray(): CellChange[] {
    const out: CellChange[] = [];
    for (let i = 0; i < this.n; i++) out.push(this.at(i));
    return out;
  }

  private grow(): void {
    const cap = this.olds.length * 2;
    const ids = new Int32Array(cap * this.dims);
    ids.set(this.ids);
    this.ids = ids;
    const o = new Float64Array(cap);
    o.set(this.olds);
    this.olds = o;
    const nw = new Float64Array(cap);
    nw.set(this.news);
    this.news = nw;
  }
}

export type ChangeListener = (changes: ChangeSet) => void;
