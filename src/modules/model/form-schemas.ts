import { Type, type Static } from 'typebox';
import { Nullable } from '../shared-schemas.js';
import { FormDefinition, NumberFormat } from './definitions.js';
import { HistoryBody } from '../entry/schemas.js';
import { Code, LocalName, ModelObjectView, NewObjectFields } from './schemas.js';

/** Request/response schemas of `/t/:slug/api/model/forms`. */
const strict = { additionalProperties: false } as const;

export const CreateFormBody = Type.Object({ ...NewObjectFields, definition: FormDefinition }, strict);
export type CreateFormBody = Static<typeof CreateFormBody>;

export const UpdateFormBody = Type.Object({ definition: FormDefinition }, strict);
export type UpdateFormBody = Static<typeof UpdateFormBody>;

export const FormView = Type.Object({
  object: ModelObjectView,
  /** Null for a form created in the catalogue whose layout is not defined yet. */
  definition: Type.Union([FormDefinition, Type.Null()]),
  /** The user may save input cells (write on the form). */
  canWrite: Type.Boolean(),
});
export type FormView = Static<typeof FormView>;

export const FormListItem = Type.Object({
  object: ModelObjectView,
  cube: Type.Union([Type.String(), Type.Null()]),
  type: Type.Union([Type.Literal('input'), Type.Literal('report'), Type.Null()]),
});
export const FormListResponse = Type.Object({ items: Type.Array(FormListItem) });
export type FormListItem = Static<typeof FormListItem>;

/** Fixed-dimension choices: dimension code → element code. */
export const Choices = Type.Record(Code, Code, { maxProperties: 16 });

export const OpenFormBody = Type.Object(
  {
    choices: Type.Optional(Choices),
    /**
     * Reports only: show a consolidated row element (a row of the form or below one) with its
     * children as the rows, instead of the form's rows.
     */
    drill: Type.Optional(Type.Object({ row: Type.Optional(Code) }, strict)),
  },
  strict,
);
export type OpenFormBody = Static<typeof OpenFormBody>;

/** A member of the same axis that consolidates this one, with the effective weight. */
const RollupLink = Type.Object({
  /** Index into the same returned `rows` / `columns` array. */
  index: Type.Integer({ minimum: 0 }),
  /** Sum over every path up to that member of the product of the link weights. */
  weight: Type.Number(),
});
export type RollupLink = Static<typeof RollupLink>;

const Member = Type.Object({
  code: Type.String(),
  name: LocalName,
  /**
   * A computed member of a report (after the given members): its cells are of − base
   * (`difference`, yen) or (of − base) / |base| (`ratio`, a fraction: 0.05 = 5 %; null when base is 0).
   */
  computed: Type.Optional(
    Type.Object({
      kind: Type.Union([Type.Literal('difference'), Type.Literal('ratio')]),
      of: Type.String(),
      base: Type.String(),
    }),
  ),
  depth: Type.Integer(),
  leaf: Type.Boolean(),
  /**
   * Given members: `up` when a rise is favourable (sales, profits), `down` when a fall is (costs),
   * from the element's attribute. A variance cell is favourable when its sign goes the way of the
   * sense of the member it crosses (issue 18 point 3). Absent on computed members.
   */
  sense: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('down')])),
  /**
   * The shown members of this axis that consolidate this one (directly or through intermediate
   * elements): a change of Δ here changes each of them by Δ × weight, so a grid can recompute
   * totals before saving.
   */
  rollup: Type.Array(RollupLink),
});
export type FormMember = Static<typeof Member>;

export const OpenFormResponse = Type.Object({
  form: ModelObjectView,
  /** The cube's object id (for its history and comment routes). */
  cubeId: Type.String(),
  type: Type.Union([Type.Literal('input'), Type.Literal('report')]),
  rowDimension: Type.String(),
  columnDimension: Type.String(),
  /** Names of the cube's dimensions by code. */
  dimensionNames: Type.Record(Type.String(), LocalName),
  rows: Type.Array(Member),
  columns: Type.Array(Member),
  fixed: Type.Array(
    Type.Object({
      dimension: Type.String(),
      element: Type.String(),
      name: LocalName,
      /** Present when the user may choose: the allowed elements. */
      choices: Type.Optional(Type.Array(Type.Object({ code: Type.String(), name: LocalName }))),
    }),
  ),
  /** values[row][column]; null = a cell the user may not read. */
  values: Type.Array(Type.Array(Type.Union([Type.Number(), Type.Null()]))),
  /**
   * input[row][column]: an input cell for this user. A consolidated cell is one only when the
   * form's `input` is `all`: a value typed there is spread over its leaves on save.
   */
  input: Type.Array(Type.Array(Type.Boolean())),
  format: NumberFormat,
});
export type OpenFormResponse = Static<typeof OpenFormResponse>;

/** How one typed total is spread, and the cells held while it is (issue 18). */
export const SpreadChoice = Type.Object(
  {
    mode: Type.Optional(Type.Union([Type.Literal('proportional'), Type.Literal('equal')])),
    hold: Type.Optional(Type.Array(Type.Object({ row: Code, column: Code }, strict), { maxItems: 1_000 })),
  },
  strict,
);
export type SpreadChoice = Static<typeof SpreadChoice>;

export const SaveCellsBody = Type.Object(
  {
    choices: Type.Optional(Choices),
    cells: Type.Array(
      Type.Object(
        {
          row: Code,
          column: Code,
          value: Type.Number(),
          /**
           * The value the grid loaded for this cell (0 for empty). When given and the cell's value
           * has changed since, nothing is saved: 409 `FORM_SAVE_CONFLICT` with `error.conflicts`.
           * Absent or null: no check.
           */
          base: Type.Optional(Nullable(Type.Number())),
          /**
           * For a consolidated cell (issue 18): how its value is spread over the cells below —
           * `proportional` (default; equal when they are all zero) or `equal` — and the cells the
           * user locked, which keep their values (each must lie under this cell, else 400
           * `FORM_SPREAD_HOLD_OUTSIDE`; nothing left to move: 409 `FORM_SPREAD_NO_FREE_LEAF`).
           * Leaves typed in the same save are held as well.
           */
          spread: Type.Optional(SpreadChoice),
        },
        strict,
      ),
      { minItems: 1, maxItems: 10_000 },
    ),
  },
  strict,
);
export type SaveCellsBody = Static<typeof SaveCellsBody>;
export const SaveCellsResponse = Type.Object({ changed: Type.Integer() });

/** The history of a form: the cube history of the cells the form shows to this user. */
export const FormHistoryBody = Type.Object(
  {
    choices: Type.Optional(Choices),
    limit: HistoryBody.properties.limit,
    cursor: HistoryBody.properties.cursor,
  },
  strict,
);
export type FormHistoryBody = Static<typeof FormHistoryBody>;
