import { Type, type Static, type TSchema } from 'typebox';
import type { Actor } from '../../platform/audit/audit-log.js';
import type { AppDeps, TenantContext } from '../../platform/server/context.js';
import type { ModelDb, ModelKind } from './tables.js';

/**
 * The definitions of forms and portals (issue 6), and the seam through which packages carry
 * every kind of model object. A definition names other objects **by code, never by id** (ids
 * differ between tenants), so the same JSON is valid in any tenant that has those codes.
 */

const Code = Type.String({ minLength: 1, maxLength: 64 });
export const LocalText = Type.Object({
  ja: Type.String({ maxLength: 2000 }),
  en: Type.String({ maxLength: 2000 }),
});

/**
 * One entry of a row or column axis: an element itself, its children, every leaf under it, or
 * every descendant (depth first, parents before children). Consolidated elements listed this way
 * show their live total.
 */
export const MemberSpec = Type.Object({
  element: Code,
  select: Type.Union([
    Type.Literal('self'),
    Type.Literal('children'),
    Type.Literal('leaves'),
    Type.Literal('descendants'),
  ]),
});
export type MemberSpec = Static<typeof MemberSpec>;

/**
 * A computed member of a report's axis (issue 7), shown after the given members: for each cell
 * across the other axis, `difference` = of − base and `ratio` = (of − base) / |base| (none when
 * base is 0), where `of` and `base` are elements of the axis dimension (usually members of it,
 * e.g. ACTUAL and BUDGET on a Scenario axis). Never an input cell; shown only where the user may
 * read both source cells.
 */
export const ComputedMember = Type.Object({
  /** Code of the member in the grid; must not be an element code of the dimension. */
  code: Code,
  name: Type.Object({
    ja: Type.String({ minLength: 1, maxLength: 200 }),
    en: Type.String({ minLength: 1, maxLength: 200 }),
  }),
  kind: Type.Union([Type.Literal('difference'), Type.Literal('ratio')]),
  of: Code,
  base: Code,
});
export type ComputedMember = Static<typeof ComputedMember>;

export const AxisSpec = Type.Object({
  /** Dimension code. */
  dimension: Code,
  members: Type.Array(MemberSpec, { minItems: 1, maxItems: 200 }),
  /** Report forms only; optional, so definitions written before issue 7 stay valid. */
  computed: Type.Optional(Type.Array(ComputedMember, { maxItems: 20 })),
});
export type AxisSpec = Static<typeof AxisSpec>;

/**
 * A dimension held at one element. With `userSelectable`, the user chooses the element when
 * opening the form among `choices` (default: every element of the dimension); `element` is the
 * default choice.
 */
export const FixedSpec = Type.Object({
  dimension: Code,
  element: Code,
  userSelectable: Type.Boolean(),
  choices: Type.Optional(Type.Array(MemberSpec, { maxItems: 50 })),
});
export type FixedSpec = Static<typeof FixedSpec>;

export const NumberFormat = Type.Object({
  /** Shown in yen, thousands of yen or millions of yen (stored values are always yen). */
  scale: Type.Union([Type.Literal(1), Type.Literal(1000), Type.Literal(1_000_000)]),
  decimals: Type.Integer({ minimum: 0, maximum: 4 }),
  currency: Type.Literal('JPY'),
  /**
   * How a figure is rounded to the unit and decimals, on its magnitude as Excel's ROUNDDOWN /
   * ROUND / ROUNDUP do (切り捨て / 四捨五入 / 切り上げ); absent = `round` (half up).
   */
  rounding: Type.Optional(Type.Union([Type.Literal('down'), Type.Literal('round'), Type.Literal('up')])),
  /** Negatives as `-1,234`, `▲1,234`, `△1,234` or `(1,234)`; absent = `minus`. */
  negative: Type.Optional(
    Type.Union([
      Type.Literal('minus'),
      Type.Literal('triangle'),
      Type.Literal('whiteTriangle'),
      Type.Literal('parentheses'),
    ]),
  ),
});
export type NumberFormat = Static<typeof NumberFormat>;

/**
 * A form: a grid over one cube. Every dimension of the cube is on rows, on columns or fixed
 * (exactly once). `type: 'report'` forms have no input cells. In an input form, a cell is an
 * input cell when `input` says so and neither its row nor its column element is listed in
 * `readOnly` (plus, always, the user's write right on the cell).
 */
export const FormDefinition = Type.Object({
  cube: Code,
  type: Type.Union([Type.Literal('input'), Type.Literal('report')]),
  rows: AxisSpec,
  columns: AxisSpec,
  fixed: Type.Array(FixedSpec, { maxItems: 16 }),
  /** `leaves`: leaf cells are input cells; `all`: consolidated cells too (typing spreads, #7). */
  input: Type.Union([Type.Literal('leaves'), Type.Literal('all'), Type.Literal('none')]),
  readOnly: Type.Array(Code, { maxItems: 200 }),
  /** The form's own number format; absent = the tenant's default (`GET …/model/number-format`). */
  format: Type.Optional(NumberFormat),
  /**
   * Where a total row stands (issue 18 point 4): `below` its details, in 損益計算書 order
   * (売上高, 売上原価, then 売上総利益), or `above` them; absent = `above` (forms made before).
   */
  totals: Type.Optional(Type.Union([Type.Literal('above'), Type.Literal('below')])),
});
export type FormDefinition = Static<typeof FormDefinition>;

/** A portal: the page of one planning process, with tiles linking forms and announcements. */
export const PortalDefinition = Type.Object({
  tiles: Type.Array(
    Type.Object({
      /** Form code. */
      form: Code,
      /** Optional tile caption (else the form's name). */
      title: Type.Optional(LocalText),
      note: Type.Optional(LocalText),
    }),
    { maxItems: 50 },
  ),
  announcements: Type.Array(
    Type.Object({
      id: Type.String({ minLength: 1, maxLength: 64 }),
      /** ISO 8601 instant. */
      at: Type.String({ maxLength: 40 }),
      title: LocalText,
      body: LocalText,
    }),
    { maxItems: 100 },
  ),
});
export type PortalDefinition = Static<typeof PortalDefinition>;

/**
 * How a package carries one kind of object. Each kind's module implements one codec and adds
 * it to `codecs.ts`; the package service knows nothing kind-specific.
 */
export interface KindCodec<D = unknown> {
  kind: ModelKind;
  /** Schema of the definition (validated before `dependsOn` / `apply` ever see it). */
  schema: TSchema;
  /** Kinds whose objects must exist (or come first in the same package) before this kind. */
  order: number;
  /** The definition of an existing object, referring to other objects by code. */
  export(db: ModelDb, id: string, withFigures: boolean): Promise<D>;
  /** Objects this definition refers to, by kind and code. */
  dependsOn(def: D): { kind: ModelKind; code: string }[];
  /**
   * Why the definition cannot replace the existing object at all (e.g. a cube over other
   * dimensions), or null. Optional; a conflict stops the whole package before anything is written.
   */
  conflict?(db: ModelDb, id: string, def: D): Promise<string | null>;
  /** Human-readable differences from the current definition (empty = unchanged). */
  diff(db: ModelDb, id: string, def: D): Promise<string[]>;
  /**
   * Creates (`mode: 'create'`) or replaces the definition of the object whose catalogue row is
   * `id` (already written by the package service), inside the caller's transaction `db`. For a
   * package import `db` is the transaction of `cubeStore.batch`: write rows only (the store's
   * `writeDimension` / `upsertCells`), never through the store's own write methods (they queue
   * behind the batch and would wait forever); cached cubes are rebuilt after commit or rollback. Throws `AppError` on a definition that does not fit
   * the tenant (e.g. an unknown element), which rolls the whole package back.
   */
  apply(
    db: ModelDb,
    deps: Pick<AppDeps, 'clock'>,
    ctx: TenantContext,
    id: string,
    def: D,
    mode: 'create' | 'update',
    actor: Actor,
  ): Promise<void>;
}
