import { EngineError, type Dimension } from '../../engine/index.js';
import { SENSE_ATTRIBUTE, senseOf, type Sense } from './variance-sense.js';

/**
 * Edits of a dimension's elements and hierarchy, as the API and the CSV import send them.
 * Applied to a `Dimension` loaded from the store; any refusal (an `EngineError`) leaves the
 * stored dimension as it was, because the whole list is saved only when every change applied.
 */
export type DimensionChange =
  | { op: 'add'; code: string; nameJa: string; nameEn: string; parent?: string | null; weight?: number }
  | { op: 'rename'; code: string; nameJa?: string; nameEn?: string }
  | { op: 'link'; parent: string; child: string; weight?: number }
  | { op: 'unlink'; parent: string; child: string }
  | { op: 'move'; code: string; from?: string | null; to?: string | null; weight?: number }
  | { op: 'weight'; parent: string; child: string; weight: number }
  | { op: 'order'; code: string; parent?: string | null; direction: 'up' | 'down' }
  | { op: 'sense'; code: string; sense: Sense };

export const NAME_JA = 'name_ja';
export const NAME_EN = 'name_en';

export function elementName(dim: Dimension, id: number): { ja: string; en: string } {
  const code = dim.code(id);
  const ja = dim.attribute(id, NAME_JA);
  const en = dim.attribute(id, NAME_EN);
  return { ja: typeof ja === 'string' ? ja : code, en: typeof en === 'string' ? en : code };
}

/** Whether a rise of the element is favourable (`up`) or a fall (`down`, costs). */
export const elementSense = (dim: Dimension, id: number): Sense =>
  senseOf(dim.attribute(id, SENSE_ATTRIBUTE));

/** Stores `down` as the attribute; `up` (the default) removes it. */
export function setSense(dim: Dimension, code: string, sense: Sense): void {
  dim.setAttribute(code, SENSE_ATTRIBUTE, sense === 'down' ? 'down' : undefined);
}

function setName(dim: Dimension, code: string, attr: string, value: string | undefined): void {
  if (value === undefined) return;
  const v = value.normalize('NFC').trim();
  if (!v) throw new EngineError('ENGINE_INVALID_VALUE', { element: code, name: attr });
  dim.setAttribute(code, attr, v);
}

/** The weight of the link parent → child (throws ENGINE_UNKNOWN_LINK). */
export function linkWeight(dim: Dimension, parent: string, child: string): number {
  const childId = dim.id(child);
  const link = dim.children(parent).find((c) => c.id === childId);
  if (!link) throw new EngineError('ENGINE_UNKNOWN_LINK', { dimension: dim.name, parent, child });
  return link.weight;
}

/** Re-creates a parent's links in a new order (weights kept). */
function reorderChildren(dim: Dimension, parent: string, order: readonly number[]): void {
  const weights = new Map(dim.children(parent).map((c) => [c.id, c.weight]));
  for (const id of order) dim.removeLink(parent, id);
  for (const id of order) dim.addLink(parent, id, weights.get(id) ?? 1);
}

function swap<T>(list: T[], at: number, direction: 'up' | 'down'): boolean {
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= list.length) return false;
  [list[at], list[to]] = [list[to] as T, list[at] as T];
  return true;
}

function order(dim: Dimension, c: Extract<DimensionChange, { op: 'order' }>): void {
  const id = dim.id(c.code);
  if (c.parent) {
    const kids = dim.children(c.parent).map((k) => k.id);
    if (!kids.includes(id)) linkWeight(dim, c.parent, c.code); // throws ENGINE_UNKNOWN_LINK
    if (swap(kids, kids.indexOf(id), c.direction)) reorderChildren(dim, c.parent, kids);
    return;
  }
  // Top level: swap with the neighbouring root in the display order.
  const roots = dim.roots();
  const at = roots.indexOf(id);
  if (at < 0)
    throw new EngineError('ENGINE_UNKNOWN_LINK', { dimension: dim.name, parent: '', child: c.code });
  const other = roots[c.direction === 'up' ? at - 1 : at + 1];
  if (other === undefined) return;
  const all = dim.elements();
  const i = all.indexOf(id);
  const j = all.indexOf(other);
  all[i] = other;
  all[j] = id;
  dim.reorder(all);
}

export function applyChange(dim: Dimension, c: DimensionChange): void {
  switch (c.op) {
    case 'add': {
      dim.addElement(c.code.normalize('NFC'));
      setName(dim, c.code, NAME_JA, c.nameJa);
      setName(dim, c.code, NAME_EN, c.nameEn);
      if (c.parent) {
        dim.addLink(c.parent, c.code, c.weight ?? 1);
        // A new account under a cost is a cost too (favourable when down), until changed.
        setSense(dim, c.code, elementSense(dim, dim.id(c.parent)));
      }
      return;
    }
    case 'rename':
      dim.id(c.code);
      setName(dim, c.code, NAME_JA, c.nameJa);
      setName(dim, c.code, NAME_EN, c.nameEn);
      return;
    case 'link':
      dim.addLink(c.parent, c.child, c.weight ?? 1);
      return;
    case 'unlink':
      dim.removeLink(c.parent, c.child);
      return;
    case 'move': {
      const weight = c.weight ?? (c.from ? linkWeight(dim, c.from, c.code) : 1);
      if (c.from) dim.removeLink(c.from, c.code);
      else dim.id(c.code);
      if (c.to) dim.addLink(c.to, c.code, weight);
      return;
    }
    case 'weight': {
      if (!Number.isFinite(c.weight))
        throw new EngineError('ENGINE_INVALID_WEIGHT', { dimension: dim.name, weight: String(c.weight) });
      const kids = dim.children(c.parent).map((k) => k.id);
      linkWeight(dim, c.parent, c.child);
      const childId = dim.id(c.child);
      const weights = new Map(dim.children(c.parent).map((k) => [k.id, k.weight]));
      weights.set(childId, c.weight);
      for (const id of kids) dim.removeLink(c.parent, id);
      for (const id of kids) dim.addLink(c.parent, id, weights.get(id) ?? 1);
      return;
    }
    case 'order':
      order(dim, c);
      return;
    case 'sense':
      setSense(dim, c.code, c.sense);
      return;
  }
}

export function applyChanges(dim: Dimension, changes: readonly DimensionChange[]): void {
  for (const c of changes) applyChange(dim, c);
}
