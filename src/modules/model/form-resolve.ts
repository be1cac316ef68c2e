import type { Dimension } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { FixedSpec, MemberSpec } from './definitions.js';

/**
 * Resolution of a form's axes (pure): member specs → the ordered elements of a row or column
 * axis, and the user's choices for fixed dimensions → one element per fixed dimension.
 */
export interface AxisMember {
  code: string;
  /** Engine element id. */
  id: number;
  /** Indentation: 0 for the shallowest member of the axis. */
  depth: number;
  leaf: boolean;
}

/** `id` and every element below it, depth first (parents before children), with relative depth. */
function walk(dim: Dimension, id: number, depth: number, out: { id: number; depth: number }[]): void {
  out.push({ id, depth });
  for (const c of dim.children(id)) walk(dim, c.id, depth + 1, out);
}

function expand(dim: Dimension, spec: MemberSpec): { id: number; depth: number }[] {
  const id = dim.id(spec.element);
  switch (spec.select) {
    case 'self':
      return [{ id, depth: 0 }];
    case 'children':
      return dim.children(id).map((c) => ({ id: c.id, depth: 1 }));
    case 'descendants': {
      const out: { id: number; depth: number }[] = [];
      walk(dim, id, 0, out);
      return out.slice(1);
    }
    case 'leaves': {
      const out: { id: number; depth: number }[] = [];
      walk(dim, id, 0, out);
      return out.filter((e) => dim.isLeaf(e.id)).map((e) => ({ id: e.id, depth: e.id === id ? 0 : 1 }));
    }
  }
}

/**
 * The elements of an axis in order, duplicates removed (the first occurrence wins). Every
 * element code must exist (validated before; an unknown one throws `ENGINE_UNKNOWN_ELEMENT`).
 */
export function resolveMembers(dim: Dimension, members: readonly MemberSpec[]): AxisMember[] {
  const seen = new Set<number>();
  const picked: { id: number; depth: number }[] = [];
  for (const spec of members)
    for (const e of expand(dim, spec)) {
      if (seen.has(e.id)) continue;
      seen.add(e.id);
      picked.push(e);
    }
  const min = picked.reduce((m, e) => Math.min(m, e.depth), Infinity);
  return picked.map((e) => ({
    code: dim.code(e.id),
    id: e.id,
    depth: e.depth - (Number.isFinite(min) ? min : 0),
    leaf: dim.isLeaf(e.id),
  }));
}

/** The elements a user may choose for a fixed dimension (all elements when `choices` is absent). */
export function fixedChoices(dim: Dimension, spec: FixedSpec): string[] {
  if (!spec.choices || spec.choices.length === 0) return dim.elements().map((id) => dim.code(id));
  return resolveMembers(dim, spec.choices).map((m) => m.code);
}

export interface FixedChoice {
  dimension: string;
  element: string;
  /** Present when the user may choose: the elements offered. */
  choices?: string[];
}

/**
 * One element per fixed dimension: the user's choice where the dimension is user-selectable
 * (and the choice is allowed), else the form's element. A choice for a dimension that is not a
 * user-selectable fixed dimension, or outside its choices, is `FORM_CHOICE_INVALID` (400).
 */
export function chooseFixed(
  dimOf: (code: string) => Dimension,
  fixed: readonly FixedSpec[],
  choices: Readonly<Record<string, string>>,
): FixedChoice[] {
  for (const [dimension, element] of Object.entries(choices)) {
    const spec = fixed.find((f) => f.dimension === dimension);
    if (!spec || (!spec.userSelectable && element !== spec.element))
      throw new AppError('FORM_CHOICE_INVALID', { params: { dimension, element } });
  }
  return fixed.map((spec) => {
    if (!spec.userSelectable) return { dimension: spec.dimension, element: spec.element };
    const allowed = fixedChoices(dimOf(spec.dimension), spec);
    const element = choices[spec.dimension] ?? spec.element;
    if (!allowed.includes(element))
      throw new AppError('FORM_CHOICE_INVALID', { params: { dimension: spec.dimension, element } });
    return { dimension: spec.dimension, element, choices: allowed };
  });
}

/** A shown member of an axis that consolidates another one (see `axisRollup`). */
export interface Rollup {
  index: number;
  weight: number;
}

/**
 * For every member of an axis, the members of the same axis that consolidate it, directly or
 * through elements that are not shown, with the effective weight: the sum over every path up to
 * that member of the product of the link weights (so alternate parents add up and a negative
 * link, e.g. VARIANCE = ACTUAL − BUDGET, gives a negative weight). Indices are into `members`.
 * A path through a shown intermediate member counts as well (the contract is "Δ here changes
 * that member by Δ × weight").
 */
export function axisRollup(dim: Dimension, members: readonly { id: number }[]): Rollup[][] {
  const at = new Map(members.map((m, i) => [m.id, i]));
  const linkWeights = new Map<number, Map<number, number>>();
  const linkWeight = (parent: number, child: number): number => {
    let m = linkWeights.get(parent);
    if (!m) {
      m = new Map();
      for (const c of dim.children(parent)) m.set(c.id, (m.get(c.id) ?? 0) + c.weight);
      linkWeights.set(parent, m);
    }
    return m.get(child) ?? 0;
  };
  /** Every ancestor of an element with its effective weight (memoised; the hierarchy is acyclic). */
  const memo = new Map<number, Map<number, number>>();
  const ancestors = (id: number): Map<number, number> => {
    const known = memo.get(id);
    if (known) return known;
    const out = new Map<number, number>();
    for (const p of new Set(dim.parents(id))) {
      const w = linkWeight(p, id);
      out.set(p, (out.get(p) ?? 0) + w);
      for (const [a, aw] of ancestors(p)) out.set(a, (out.get(a) ?? 0) + w * aw);
    }
    memo.set(id, out);
    return out;
  };
  return members.map((m) => {
    const out: Rollup[] = [];
    for (const [a, weight] of ancestors(m.id)) {
      const index = at.get(a);
      if (index !== undefined) out.push({ index, weight });
    }
    return out.sort((x, y) => x.index - y.index);
  });
}
