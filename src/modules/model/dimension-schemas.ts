import { Type, type Static } from 'typebox';
import { Code, ModelObjectView, NewObjectFields } from './schemas.js';
import { Nullable, SingleLine } from '../shared-schemas.js';

/** Request/response schemas of `/t/:slug/api/model/dimensions`. */
const ElementName = SingleLine({ minLength: 1, maxLength: 100, notBlank: true });
const Weight = Type.Number({ minimum: -1e12, maximum: 1e12 });
const Ref = Code;
const OptRef = Type.Optional(Nullable(Ref));
const strict = { additionalProperties: false } as const;
const Sense = Type.Union([Type.Literal('up'), Type.Literal('down')]);

export const DimensionChangeSchema = Type.Union([
  Type.Object(
    {
      op: Type.Literal('add'),
      code: Code,
      nameJa: ElementName,
      nameEn: ElementName,
      parent: OptRef,
      weight: Type.Optional(Weight),
    },
    strict,
  ),
  Type.Object(
    {
      op: Type.Literal('rename'),
      code: Ref,
      nameJa: Type.Optional(ElementName),
      nameEn: Type.Optional(ElementName),
    },
    strict,
  ),
  Type.Object({ op: Type.Literal('link'), parent: Ref, child: Ref, weight: Type.Optional(Weight) }, strict),
  Type.Object({ op: Type.Literal('unlink'), parent: Ref, child: Ref }, strict),
  Type.Object(
    { op: Type.Literal('move'), code: Ref, from: OptRef, to: OptRef, weight: Type.Optional(Weight) },
    strict,
  ),
  Type.Object({ op: Type.Literal('weight'), parent: Ref, child: Ref, weight: Weight }, strict),
  Type.Object(
    {
      op: Type.Literal('order'),
      code: Ref,
      parent: OptRef,
      direction: Type.Union([Type.Literal('up'), Type.Literal('down')]),
    },
    strict,
  ),
  /** Favourable when the element goes up (sales, profits) or down (costs): variance colours follow it. */
  Type.Object({ op: Type.Literal('sense'), code: Ref, sense: Sense }, strict),
]);

export const ChangesBody = Type.Object(
  { changes: Type.Array(DimensionChangeSchema, { minItems: 1, maxItems: 10_000 }) },
  strict,
);

export const CreateDimensionBody = Type.Object(NewObjectFields, strict);
export type CreateDimensionBody = Static<typeof CreateDimensionBody>;

const Link = Type.Object({ code: Type.String(), weight: Type.Number() });
export const ElementView = Type.Object({
  id: Type.Integer({ description: 'engine id (stable)' }),
  code: Type.String(),
  name: Type.Object({ ja: Type.String(), en: Type.String() }),
  leaf: Type.Boolean(),
  /** `up`: a rise is favourable (sales, profits); `down`: a fall is (costs). */
  sense: Sense,
  parents: Type.Array(Link),
  children: Type.Array(Link),
});
export type ElementView = Static<typeof ElementView>;

export const DimensionSummary = Type.Object({
  object: ModelObjectView,
  elementCount: Type.Integer(),
});
export const DimensionListResponse = Type.Object({ items: Type.Array(DimensionSummary) });
export const DimensionDetail = Type.Object({
  object: ModelObjectView,
  /** Codes of the top-level elements, in display order. */
  roots: Type.Array(Type.String()),
  /** Every element in display order (children lists are in hierarchy order). */
  elements: Type.Array(ElementView),
});
export type DimensionDetail = Static<typeof DimensionDetail>;

export const DimensionImportRow = Type.Object({
  row: Type.Integer({ description: '1-based data row; the header is row 0' }),
  code: Type.String(),
  /** The row's other cells as the file gives them (trimmed), for the preview. */
  nameJa: Type.Optional(Type.String()),
  nameEn: Type.Optional(Type.String()),
  parent: Type.Optional(Type.String()),
  weight: Type.Optional(Type.String()),
  outcome: Type.Union([
    Type.Literal('new'),
    Type.Literal('changed'),
    Type.Literal('unchanged'),
    Type.Literal('error'),
  ]),
  errors: Type.Array(Type.Object({ column: Type.String(), code: Type.String(), message: Type.String() })),
});
export type DimensionImportRow = Static<typeof DimensionImportRow>;
export const DimensionDryRun = Type.Object({
  encoding: Type.String({ description: 'utf-8-bom | utf-8 | shift_jis' }),
  rows: Type.Array(DimensionImportRow),
  summary: Type.Object({
    total: Type.Integer(),
    new: Type.Integer(),
    changed: Type.Integer(),
    unchanged: Type.Integer(),
    error: Type.Integer(),
  }),
});
export type DimensionDryRun = Static<typeof DimensionDryRun>;
export const DimensionImportResponse = Type.Object({
  summary: DimensionDryRun.properties.summary,
  dimension: DimensionDetail,
});

export const StandardDimensionsBody = Type.Object(
  {
    fiscalYear: Type.Integer({ minimum: 2000, maximum: 2200 }),
    firstMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'default 4 (April)' })),
  },
  strict,
);
