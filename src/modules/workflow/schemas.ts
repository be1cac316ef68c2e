import { Type, type Static } from 'typebox';
import { Nullable } from '../shared-schemas.js';
import { Code, LocalName } from '../model/schemas.js';

/** Request/response schemas of `/t/:slug/api/workflow/...`. */
const strict = { additionalProperties: false } as const;
export const UnitStateSchema = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('approved'),
]);
export const ActionSchema = Type.Union([
  Type.Literal('submit'),
  Type.Literal('approve'),
  Type.Literal('return'),
  Type.Literal('reopen'),
]);

export const SetupBody = Type.Object(
  {
    cubeId: Type.String({ minLength: 1, maxLength: 64 }),
    /** Dimension code whose elements are the units (e.g. Department). */
    dimension: Code,
    /** The slice covered: dimension code → elements (each with everything below it). */
    slice: Type.Record(Code, Type.Array(Code, { minItems: 1, maxItems: 50 }), { maxProperties: 12 }),
    units: Type.Array(
      Type.Object(
        {
          element: Code,
          approverGroupId: Nullable(Type.String({ minLength: 1, maxLength: 64 })),
        },
        strict,
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  strict,
);
export type SetupBody = Static<typeof SetupBody>;

export const UnitView = Type.Object({
  element: Type.String(),
  name: LocalName,
  state: UnitStateSchema,
  approverGroup: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  comment: Type.String(),
  changedBy: Type.Union([Type.String(), Type.Null()]),
  changedAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
  /** What the reader may do with this unit now. */
  actions: Type.Array(ActionSchema),
});
export type UnitView = Static<typeof UnitView>;

export const WorkflowView = Type.Object({
  portalId: Type.String(),
  portal: Type.Object({ code: Type.String(), name: LocalName }),
  cube: Type.Object({ id: Type.String(), code: Type.String(), name: LocalName }),
  dimension: Type.String(),
  slice: Type.Record(Type.String(), Type.Array(Type.String())),
  units: Type.Array(UnitView),
});
export type WorkflowView = Static<typeof WorkflowView>;
export const WorkflowResponse = Type.Object({ workflow: Type.Union([WorkflowView, Type.Null()]) });

export const TransitionBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  strict,
);
export const TransitionParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  element: Code,
  action: ActionSchema,
});

export const EventView = Type.Object({
  element: Type.String(),
  action: ActionSchema,
  from: UnitStateSchema,
  to: UnitStateSchema,
  comment: Type.String(),
  by: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ description: 'ISO 8601 in the tenant zone' }),
});
export const EventsResponse = Type.Object({ items: Type.Array(EventView) });
