import { ValueCache } from './cache.js';
import { CellStore } from './cells.js';
import { ChangeSet } from './changes.js';
import type { ChangeListener } from './changes.js';
import type { Dimension, DimensionEvent, ElementRef } from './dimension.js';
import { EngineError } from './errors.js';
import type { Closure } from './hierarchy.js';
import { aggregate } from './kernel.js';
import { Layout } from './layout.js';
import { clearSlice, copySlice, leafIdsOrThrow, spreadCell } from './ops.js';
import type { Selection, SpreadOptions } from './ops.js';

const CACHED_READ_LIMIT = 1 << 16;

export interface CubeOptions {
  /** Dimensions (index or name) whose element-id tuple selects a hash partition. Default: the small ones. */
  readonly partitionDimensions?: readonly (number | string)[];
}

export interface GridQuery {
  readonly rows: { readonly dimension: string | number; readonly elements: readonly ElementRef[] };
  readonly columns: { readonly dimension: string | number; readonly elements: readonly ElementRef[] };
  /** One element for every other dimension, by dimension name. */
  readonly fixed: Readonly<Record<string, ElementRef>>;
}

export interface Grid {
  readonly rows: number;
  readonly columns: number;
  /** Row-major: values[r * columns + c]. */
  readonly values: Float64Array;
}

/**
 * A cube over an ordered list of dimensions. Leaf cells are sparse (absent =
 * 0, writing 0 deletes); consolidated cells are weighted sums computed on
 * read and cached, the cache being patched by every write, so every read sees
 * every earlier write without a recalculation step.
 */
export class Cube {
  readonly name: string;
  readonly dimensions: readonly Dimension[];
  private readonly store: CellStore;
  private readonly cache: ValueCache;
  private readonly listeners = new Set<ChangeListener>();
  private readonly texts = new Map<string, string>();
  private readonly unsubscribe: (() => void)[];

  constructor(name: string, dimensions: readonly Dimension[], options: CubeOptions = {}) {
    if (dimensions.length === 0) throw new EngineError('ENGINE_ARITY', { cube: name, expected: 1, got: 0 });
    const names = new Set(dimensions.map((d) => d.name));
    if (names.size !== dimensions.length) throw new EngineError('ENGINE_DUPLICATE_DIMENSION', { cube: name });
    this.name = name;
    this.dimensions = [...dimensions];
    const sizes = this.dimensions.map((d) => d.size);
    const partDims = options.partitionDimensions
      ? [...new Set(options.partitionDimensions.map((r) => this.dimIndex(r)))]
      : Layout.choosePartitionDims(sizes);
    this.store = new CellStore(sizes, partDims);
    this.cache = new ValueCache(dimensions.length);
    this.unsubscribe = this.dimensions.map((dim, d) => dim.onChange((e) => this.dimensionChanged(d, e)));
  }

  /** Stops listening to the dimensions. */
  dispose(): void {
    for (const u of this.unsubscribe) u();
  }

  get cellCount(): number {
    return this.store.cellCount;
  }

  /** Bytes held by the cell store and the cache (typed arrays, approximate). */
  get bytes(): number {
    return this.store.bytes + this.cache.bytes();
  }

  /** Drops every cached consolidated value (benchmarks, memory pressure); the next reads rescan. */
  invalidateCache(): void {
    this.cache.clear();
  }

  /** Index of a dimension by name or position. */
  dimIndex(ref: number | string): number {
    const d = typeof ref === 'number' ? ref : this.dimensions.findIndex((x) => x.name === ref);
    if (d < 0 || d >= this.dimensions.length || !Number.isInteger(d)) {
      throw new EngineError('ENGINE_UNKNOWN_DIMENSION', { cube: this.name, dimension: String(ref) });
    }
    return d;
  }

  /** Element ids of a coordinate tuple (one reference per dimension). */
  resolve(coords: readonly ElementRef[]): Int32Array {
    if (coords.length !== this.dimensions.length) {
      throw new EngineError('ENGINE_ARITY', {
        cube: this.name,
        expected: this.dimensions.length,
        got: coords.length,
      });
    }
    return Int32Array.from(coords, (r, d) => (this.dimensions[d] as Dimension).id(r));
  }

  closures(): Closure[] {
    return this.dimensions.map((d) => d.closure());
  }

  capacities(): number[] {
    return this.dimensions.map((_, d) => this.store.layout.capacity(d));
  }

  /** Subscribes to the exact leaf changes of every operation; returns the unsubscribe function. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Value of any cell, leaf or consolidated. */
  read(coords: readonly ElementRef[]): number {
    const ids = this.resolve(coords);
    return this.readProduct(Array.from(ids, (id) => Int32Array.of(id)))[0] ?? 0;
  }

  /** Value of a leaf cell by element ids (no checks). */
  leafValue(ids: ArrayLike<number>): number {
    return this.store.get(ids);
  }

  /** Rows × columns with every other dimension fixed, in one pass. */
  readGrid(q: GridQuery): Grid {
    const rd = this.dimIndex(q.rows.dimension);
    const cd = this.dimIndex(q.columns.dimension);
    if (rd === cd)
      throw new EngineError('ENGINE_DUPLICATE_DIMENSION', { cube: this.name, dimension: String(rd) });
    const sets = this.dimensions.map((dim, d): readonly ElementRef[] => {
      if (d === rd) return q.rows.elements;
      if (d === cd) return q.columns.elements;
      const e = q.fixed[dim.name];
      if (e === undefined) throw new EngineError('ENGINE_ARITY', { cube: this.name, missing: dim.name });
      return [e];
    });
    const raw = this.readProduct(sets);
    const nr = q.rows.elements.length;
    const nc = q.columns.elements.length;
    if (rd < cd) return { rows: nr, columns: nc, values: raw };
    const values = new Float64Array(nr * nc);
    for (let r = 0; r < nr; r++) for (let c = 0; c < nc; c++) values[r * nc + c] = raw[c * nr + r] ?? 0;
    return { rows: nr, columns: nc, values };
  }

  /**
   * Values of the cartesian product `sets[0] × … × sets[n-1]` (element refs,
   * leaf or consolidated), row-major with the last dimension fastest.
   */
  readProduct(sets: readonly (readonly ElementRef[] | Int32Array)[]): Float64Array {
    if (sets.length !== this.dimensions.length) {
      throw new EngineError('ENGINE_ARITY', {
        cube: this.name,
        expected: this.dimensions.length,
        got: sets.length,
      });
    }
    const query = sets.map((s, d) =>
      Int32Array.from(s, (r: ElementRef) => (this.dimensions[d] as Dimension).id(r)),
    );
    const total = query.reduce((n, q) => n * q.length, 1);
    if (total === 0) return new Float64Array(0);
    const parts = () => this.store.parts.values();
    if (total > CACHED_READ_LIMIT) return aggregate(this.store.layout, parts, this.closures(), query).values;
    const closures = this.closures();
    const out = new Float64Array(total);
    const ids = new Int32Array(query.length);
    const cellAt = (i: number): boolean => {
      let rest = i;
      let leaf = true;
      for (let d = query.length - 1; d >= 0; d--) {
        const qd = query[d] as Int32Array;
        const id = qd[rest % qd.length] ?? 0;
        ids[d] = id;
        if ((closures[d] as Closure).isLeaf[id] !== 1) leaf = false;
        rest = Math.floor(rest / qd.length);
      }
      this.store.locate(ids);
      return leaf;
    };
    const s = this.store;
    let complete = true;
    for (let i = 0; i < total && complete; i++) {
      if (cellAt(i)) out[i] = s.partition(s.pk)?.get(s.lo, s.hi) ?? 0;
      else {
        const v = this.cache.get(s.pk, s.hi * 4294967296 + (s.lo >>> 0));
        if (v === undefined) complete = false;
        else out[i] = v;
      }
    }
    if (complete) return out;
    const { sums, values } = aggregate(this.store.layout, parts, closures, query);
    for (let i = 0; i < total; i++) {
      if (sums.bad[i] === 1 || cellAt(i)) continue;
      this.cache.put(s.pk, s.hi * 4294967296 + (s.lo >>> 0), ids, sums.hi[i] ?? 0, sums.lo[i] ?? 0);
    }
    return values;
  }

  /** Writes one leaf cell (ENGINE_NOT_LEAF otherwise). */
  setCell(coords: readonly ElementRef[], value: number): ChangeSet {
    const ids = leafIdsOrThrow(this, coords);
    return this.applyBatch(ids, [value], 1);
  }

  /** Writes several leaf cells in one operation. */
  setCells(cells: readonly { readonly coords: readonly ElementRef[]; readonly value: number }[]): ChangeSet {
    const nd = this.dimensions.length;
    const flat = new Int32Array(cells.length * nd);
    cells.forEach((c, i) => flat.set(leafIdsOrThrow(this, c.coords), i * nd));
    return this.applyBatch(
      flat,
      cells.map((c) => c.value),
      cells.length,
    );
  }

  /** Writes any cell: a leaf is set, a consolidated cell is spread to its leaves. */
  write(coords: readonly ElementRef[], value: number, options: SpreadOptions = {}): ChangeSet {
    const ids = this.resolve(coords);
    if (ids.every((id, d) => (this.dimensions[d] as Dimension).isLeaf(id)))
      return this.applyBatch(ids, [value], 1);
    return spreadCell(this, coords, value, options);
  }

  /** Spreads a target value over the leaves of a (consolidated) cell. */
  spread(coords: readonly ElementRef[], target: number, options: SpreadOptions = {}): ChangeSet {
    return spreadCell(this, coords, target, options);
  }

  /** Deletes every leaf cell of the selection. */
  clear(selection: Selection = {}): ChangeSet {
    return clearSlice(this, selection);
  }

  /** Makes the slice `dimension = to` (within `filter`) a copy of `dimension = from`. */
  copy(dimension: string | number, from: ElementRef, to: ElementRef, filter: Selection = {}): ChangeSet {
    return copySlice(this, dimension, from, to, filter);
  }

  /** Sets leaf cells from a flat id array (`n × dims`); 0 deletes. Returns the exact changes. */
  applyBatch(flatIds: Int32Array, values: ArrayLike<number>, n: number): ChangeSet {
    const nd = this.dimensions.length;
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? 0;
      if (!Number.isFinite(v)) throw new EngineError('ENGINE_INVALID_VALUE', { value: String(v) });
    }
    const cs = new ChangeSet(nd, Math.min(n, 1 << 16));
    for (let i = 0; i < n; i++) {
      const v = values[i] ?? 0;
      const ids = flatIds.subarray(i * nd, i * nd + nd);
      const old = this.store.put(ids, v);
      if (old !== v) cs.push(ids, old, v);
    }
    this.committed(cs);
    return cs;
  }

  /**
   * Bulk load: `ids[d][i]` is the leaf element id of cell i in dimension d,
   * `values[i]` its value (set semantics, last one wins, 0 deletes).
   * Listeners receive the change set only if any are registered.
   */
  load(ids: readonly Int32Array[], values: Float64Array): number {
    const nd = this.dimensions.length;
    const n = values.length;
    if (ids.length !== nd)
      throw new EngineError('ENGINE_ARITY', { cube: this.name, expected: nd, got: ids.length });
    const closures = this.closures();
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(values[i]))
        throw new EngineError('ENGINE_INVALID_VALUE', { value: String(values[i]) });
    }
    for (let d = 0; d < nd; d++) {
      const col = ids[d] as Int32Array;
      const leaf = (closures[d] as Closure).isLeaf;
      if (col.length < n)
        throw new EngineError('ENGINE_ARITY', { cube: this.name, expected: n, got: col.length });
      for (let i = 0; i < n; i++) {
        const id = col[i] ?? -1;
        if (leaf[id] === 1) continue;
        const dim = this.dimensions[d] as Dimension;
        throw new EngineError('ENGINE_NOT_LEAF', { dimension: dim.name, element: dim.code(id) });
      }
    }
    const cs = this.listeners.size > 0 ? new ChangeSet(nd, n) : undefined;
    this.store.bulkInsert(ids, values, cs);
    if (cs) this.committed(cs);
    else this.cache.clear();
    return n;
  }

  /** Visits stored leaf cells with a non-zero weight product (see CellStore.visit). */
  visit(
    tables: readonly (Float64Array | undefined)[],
    cb: (ids: Int32Array, value: number, w: number) => void,
  ): void {
    this.store.visit(tables, cb);
  }

  /** Text cells (comments, notes) on any coordinates, leaf or consolidated; '' or undefined deletes. */
  setText(coords: readonly ElementRef[], text: string | undefined): void {
    const key = this.resolve(coords).join(':');
    if (text === undefined || text === '') this.texts.delete(key);
    else this.texts.set(key, text);
  }

  getText(coords: readonly ElementRef[]): string | undefined {
    return this.texts.get(this.resolve(coords).join(':'));
  }

  textCells(): { coords: number[]; text: string }[] {
    return [...this.texts].map(([k, text]) => ({ coords: k.split(':').map(Number), text }));
  }

  private committed(cs: ChangeSet): void {
    if (cs.length === 0) return;
    this.cache.apply(cs, this.closures(), this.capacities());
    for (const l of this.listeners) l(cs);
  }

  private dimensionChanged(d: number, event: DimensionEvent): void {
    const dim = this.dimensions[d] as Dimension;
    switch (event.type) {
      case 'reordered':
        return;
      case 'elementAdded':
        if (this.store.layout.overflows(d, dim.size)) {
          this.store.relayout(this.dimensions.map((x) => x.size));
          this.cache.clear();
        }
        return;
      case 'linkRemoved':
        this.cache.clear();
        return;
      case 'linkAdded': {
        this.cache.clear();
        if (!event.parentWasLeaf) return;
        // The parent is no longer a leaf: its own cells are dropped (and reported).
        const t = new Float64Array(this.store.layout.capacity(d));
        t[event.parent] = 1;
        const flat: number[] = [];
        this.store.visit(
          this.dimensions.map((_, k) => (k === d ? t : undefined)),
          (ids) => flat.push(...ids),
        );
        const n = flat.length / this.dimensions.length;
        this.applyBatch(Int32Array.from(flat), new Float64Array(n), n);
      }
    }
  }
}
