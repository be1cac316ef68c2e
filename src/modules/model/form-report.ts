import type { Cube, Dimension } from '../../engine/index.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { ComputedMember, FormDefinition, MemberSpec } from './definitions.js';
import { resolveMembers } from './form-resolve.js';
import type { FormMember, OpenFormResponse } from './form-schemas.js';
import { cellLevel, type CubeRights } from './rights.js';

/**
 * Reports (issue 7): computed members (variance amount and %) and drilling into a consolidated
 * row. Pure over the engine cube and the user's rights; `openForm` calls it once it has the
 * given members' grid.
 */

/** One computed cell from its two source values; null when a source is hidden or the base is 0 (ratio). */
export function computedValue(
  kind: ComputedMember['kind'],
  of: number | null,
  base: number | null,
): number | null {
  if (of === null || base === null) return null;
  switch (kind) {
    case 'difference':
      return of - base;
    case 'ratio':
      return base === 0 ? null : (of - base) / Math.abs(base);
  }
}

export interface ReportInput {
  def: FormDefinition;
  cube: Cube;
  rights: CubeRights;
  /** The chosen element of every fixed dimension. */
  fixed: readonly { dimension: string; element: string }[];
}

interface Block {
  member: ComputedMember;
  /** Across the other axis (its shown given members, in order). */
  values: (number | null)[];
  /** Some cell has both sources readable (else the member is left out, like a hidden row). */
  shown: boolean;
}

/** The computed members of one axis against the shown given members of the other axis. */
function computeAxis(st: ReportInput, axis: 'rows' | 'columns', across: readonly string[]): Block[] {
  const specs = st.def[axis].computed ?? [];
  if (specs.length === 0) return [];
  const { cube, def } = st;
  const other = axis === 'rows' ? 'columns' : 'rows';
  const sources = [...new Set(specs.flatMap((m) => [m.of, m.base]))];
  const mine = { dimension: def[axis].dimension, elements: sources };
  const theirs = { dimension: def[other].dimension, elements: across };
  const grid = cube.readGrid({
    rows: axis === 'rows' ? mine : theirs,
    columns: axis === 'rows' ? theirs : mine,
    fixed: Object.fromEntries(st.fixed.map((f) => [f.dimension, f.element])),
  });
  const ids = new Int32Array(cube.dimensions.length);
  const dimOf = (name: string) => cube.dimensions[cube.dimIndex(name)] as Dimension;
  for (const f of st.fixed) ids[cube.dimIndex(f.dimension)] = dimOf(f.dimension).id(f.element);
  const ad = cube.dimIndex(def[axis].dimension);
  const od = cube.dimIndex(def[other].dimension);
  const acrossIds = across.map((code) => dimOf(def[other].dimension).id(code));
  /** Each source element's values across the other axis, null where the user may not read it. */
  const read = sources.map((code, s) => {
    ids[ad] = dimOf(def[axis].dimension).id(code);
    return acrossIds.map((id, o) => {
      ids[od] = id;
      if (cellLevel(st.rights, cube, ids) === 0) return null;
      return grid.values[axis === 'rows' ? s * across.length + o : o * sources.length + s] ?? 0;
    });
  });
  return specs.map((member) => {
    const ofs = read[sources.indexOf(member.of)] ?? [];
    const bases = read[sources.indexOf(member.base)] ?? [];
    let shown = false;
    const values = across.map((_, o) => {
      const of = ofs[o] ?? null;
      const base = bases[o] ?? null;
      if (of !== null && base !== null) shown = true;
      return computedValue(member.kind, of, base);
    });
    return { member, values, shown };
  });
}

const present = (m: ComputedMember): FormMember => ({
  code: m.code,
  name: { ja: m.name.ja, en: m.name.en },
  depth: 0,
  leaf: true,
  rollup: [],
  computed: { kind: m.kind, of: m.of, base: m.base },
});

/**
 * The open response with each axis's computed members appended after its given members (never
 * input cells). A computed cell crossing a computed member of the other axis is empty (null).
 */
export function withComputedMembers(st: ReportInput, out: OpenFormResponse): OpenFormResponse {
  const cols = computeAxis(
    st,
    'columns',
    out.rows.map((r) => r.code),
  ).filter((b) => b.shown);
  const rows = computeAxis(
    st,
    'rows',
    out.columns.map((c) => c.code),
  ).filter((b) => b.shown);
  if (cols.length === 0 && rows.length === 0) return out;
  const blank = cols.map(() => null);
  return {
    ...out,
    rows: [...out.rows, ...rows.map((b) => present(b.member))],
    columns: [...out.columns, ...cols.map((b) => present(b.member))],
    values: [
      ...out.values.map((line, r) => [...line, ...cols.map((b) => b.values[r] ?? null)]),
      ...rows.map((b) => [...b.values, ...blank]),
    ],
    input: [
      ...out.input.map((line) => [...line, ...cols.map(() => false)]),
      ...rows.map(() => [...out.columns, ...cols].map(() => false)),
    ],
  };
}

/**
 * The row members of a report drilled into `element`: the element itself, then its children.
 * The element must be a consolidated element of the row dimension that is a row of the form or
 * lies below one (else `FORM_DRILL_INVALID`, 400). Whether the user may see it is checked once
 * the cells' rights are known (`assertDrillReadable`).
 */
export function drillMembers(def: FormDefinition, dim: Dimension, element: string): MemberSpec[] {
  const invalid = () => new AppError('FORM_DRILL_INVALID', { params: { element } });
  if (def.type !== 'report' || !dim.has(element) || dim.isLeaf(element)) throw invalid();
  const rows = new Set(resolveMembers(dim, def.rows.members).map((m) => m.id));
  const seen = new Set<number>();
  const stack = [dim.id(element)];
  let under = false;
  while (stack.length && !under) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    seen.add(id);
    under = rows.has(id);
    stack.push(...dim.parents(id));
  }
  if (!under) throw invalid();
  return [
    { element, select: 'self' },
    { element, select: 'children' },
  ];
}

/** A drilled element the user may read no cell of is refused like one that is not there. */
export function assertDrillReadable(element: string, readable: readonly (readonly boolean[])[]): void {
  if (!readable[0]?.some(Boolean)) throw new AppError('FORM_DRILL_INVALID', { params: { element } });
}
