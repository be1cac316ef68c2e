import { EngineError } from './errors.js';
import { Closure } from './hierarchy.js';

/**
 * An element is addressed either by its numeric `id` (dense, 0-based,
 * assigned in creation order, never reused) or by its `code` (unique string
 * within the dimension). Everywhere the API takes an `ElementRef`, a number
 * is an id and a string is a code.
 */
export type ElementRef = number | string;
export type AttributeValue = string | number | boolean;

export interface ChildLink {
  readonly id: number;
  readonly weight: number;
}

export type DimensionEvent =
  | { readonly type: 'elementAdded'; readonly id: number }
  | {
      readonly type: 'linkAdded';
      readonly parent: number;
      readonly child: number;
      readonly weight: number;
      /** The parent had no children before: it stops being a leaf. */
      readonly parentWasLeaf: boolean;
    }
  | { readonly type: 'linkRemoved'; readonly parent: number; readonly child: number }
  | { readonly type: 'reordered' };

export type DimensionListener = (event: DimensionEvent) => void;

export class Dimension {
  readonly name: string;
  private readonly codes: string[] = [];
  private readonly byCode = new Map<string, number>();
  private readonly kids: number[][] = [];
  private readonly kidWeights: number[][] = [];
  private readonly parentsOf: number[][] = [];
  private readonly attrs: (Map<string, AttributeValue> | undefined)[] = [];
  private order: number[] = [];
  private closureCache: Closure | undefined;
  private readonly listeners = new Set<DimensionListener>();
  private revision = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Number of elements (ids are 0 … size-1). */
  get size(): number {
    return this.codes.length;
  }

  /** Incremented on every structural change (elements, links). */
  get version(): number {
    return this.revision;
  }

  addElement(code: string, attributes?: Record<string, AttributeValue>): number {
    if (this.byCode.has(code))
      throw new EngineError('ENGINE_DUPLICATE_ELEMENT', { dimension: this.name, code });
    const id = this.codes.length;
    this.codes.push(code);
    this.byCode.set(code, id);
    this.kids.push([]);
    this.kidWeights.push([]);
    this.parentsOf.push([]);
    this.attrs.push(attributes ? new Map(Object.entries(attributes)) : undefined);
    this.order.push(id);
    this.changed({ type: 'elementAdded', id });
    return id;
  }

  has(ref: ElementRef): boolean {
    return typeof ref === 'number'
      ? Number.isInteger(ref) && ref >= 0 && ref < this.size
      : this.byCode.has(ref);
  }

  /** Resolves a reference to an id; throws ENGINE_UNKNOWN_ELEMENT. */
  id(ref: ElementRef): number {
    if (typeof ref === 'number') {
      if (Number.isInteger(ref) && ref >= 0 && ref < this.size) return ref;
    } else {
      const id = this.byCode.get(ref);
      if (id !== undefined) return id;
    }
    throw new EngineError('ENGINE_UNKNOWN_ELEMENT', { dimension: this.name, element: String(ref) });
  }

  code(ref: ElementRef): string {
    return this.codes[this.id(ref)] ?? '';
  }

  isLeaf(ref: ElementRef): boolean {
    return (this.kids[this.id(ref)] ?? []).length === 0;
  }

  children(ref: ElementRef): ChildLink[] {
    const id = this.id(ref);
    const ws = this.kidWeights[id] ?? [];
    return (this.kids[id] ?? []).map((c, k) => ({ id: c, weight: ws[k] ?? 0 }));
  }

  parents(ref: ElementRef): number[] {
    return [...(this.parentsOf[this.id(ref)] ?? [])];
  }

  /** Elements without parents, in dimension order. */
  roots(): number[] {
    return this.order.filter((id) => (this.parentsOf[id] ?? []).length === 0);
  }

  /** All element ids in dimension order. */
  elements(): number[] {
    return [...this.order];
  }

  /** Leaf ids in dimension order. */
  leaves(): number[] {
    return this.order.filter((id) => (this.kids[id] ?? []).length === 0);
  }

  /**
   * Adds a parent → child link. Refuses cycles (ENGINE_CYCLE), duplicates and
   * non-finite weights. A weight may be any finite number (+1, -1, 0.5, 0 …).
   */
  addLink(parentRef: ElementRef, childRef: ElementRef, weight = 1): void {
    const parent = this.id(parentRef);
    const child = this.id(childRef);
    if (!Number.isFinite(weight)) {
      throw new EngineError('ENGINE_INVALID_WEIGHT', { dimension: this.name, weight: String(weight) });
    }
    const kids = this.kids[parent] ?? [];
    if (kids.includes(child)) {
      throw new EngineError('ENGINE_DUPLICATE_LINK', {
        dimension: this.name,
        parent: this.codes[parent] ?? '',
        child: this.codes[child] ?? '',
      });
    }
    if (parent === child || this.isDescendant(parent, child)) {
      throw new EngineError('ENGINE_CYCLE', {
        dimension: this.name,
        parent: this.codes[parent] ?? '',
        child: this.codes[child] ?? '',
      });
    }
    const parentWasLeaf = kids.length === 0;
    kids.push(child);
    (this.kidWeights[parent] ?? []).push(weight);
    (this.parentsOf[child] ?? []).push(parent);
    this.changed({ type: 'linkAdded', parent, child, weight, parentWasLeaf });
  }

  removeLink(parentRef: ElementRef, childRef: ElementRef): void {
    const parent = this.id(parentRef);
    const child = this.id(childRef);
    const kids = this.kids[parent] ?? [];
    const at = kids.indexOf(child);
    if (at < 0) {
      throw new EngineError('ENGINE_UNKNOWN_LINK', {
        dimension: this.name,
        parent: this.codes[parent] ?? '',
        child: this.codes[child] ?? '',
      });
    }
    kids.splice(at, 1);
    (this.kidWeights[parent] ?? []).splice(at, 1);
    const ps = this.parentsOf[child] ?? [];
    ps.splice(ps.indexOf(parent), 1);
    this.changed({ type: 'linkRemoved', parent, child });
  }

  /** Changes the display order; `refs` must list every element exactly once. */
  reorder(refs: readonly ElementRef[]): void {
    const ids = refs.map((r) => this.id(r));
    const seen = new Uint8Array(this.size);
    for (const id of ids) seen[id] = 1;
    if (ids.length !== this.size || seen.some((s) => s === 0)) {
      throw new EngineError('ENGINE_INVALID_ORDER', {
        dimension: this.name,
        expected: this.size,
        got: ids.length,
      });
    }
    this.order = ids;
    for (const l of this.listeners) l({ type: 'reordered' });
  }

  setAttribute(ref: ElementRef, name: string, value: AttributeValue | undefined): void {
    const id = this.id(ref);
    let m = this.attrs[id];
    if (value === undefined) {
      m?.delete(name);
      return;
    }
    if (!m) {
      m = new Map();
      this.attrs[id] = m;
    }
    m.set(name, value);
  }

  attribute(ref: ElementRef, name: string): AttributeValue | undefined {
    return this.attrs[this.id(ref)]?.get(name);
  }

  attributes(ref: ElementRef): Record<string, AttributeValue> {
    return Object.fromEntries(this.attrs[this.id(ref)] ?? []);
  }

  /** The weighted leaf closure, recomputed lazily after a structural change. */
  closure(): Closure {
    if (!this.closureCache) {
      this.closureCache = new Closure({
        size: this.size,
        childIdsOf: (id) => this.kids[id] ?? [],
        childWeightsOf: (id) => this.kidWeights[id] ?? [],
      });
    }
    return this.closureCache;
  }

  /** Subscribes to structural changes; returns the unsubscribe function. */
  onChange(listener: DimensionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** True when `target` is below `from` (strictly). */
  private isDescendant(target: number, from: number): boolean {
    const stack = [...(this.kids[from] ?? [])];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const id = stack.pop() ?? 0;
      if (id === target) return true;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const k of this.kids[id] ?? []) stack.push(k);
    }
    return false;
  }

  private changed(event: DimensionEvent): void {
    this.revision++;
    this.closureCache = undefined;
    for (const l of this.listeners) l(event);
  }
}
