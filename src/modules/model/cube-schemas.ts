import { Type, type Static } from 'typebox';
import { Code, ModelObjectView, NewObjectFields } from './schemas.js';

/** Request/response schemas of `/t/:slug/api/model/cubes`. */
const strict = { additionalProperties: false } as const;

export const CreateCubeBody = Type.Object(
  {
    ...NewObjectFields,
    dimensionIds: Type.Array(Type.String({ maxLength: 64 }), {
      minItems: 1,
      maxItems: 12,
      uniqueItems: true,
    }),
  },
  strict,
);
export type CreateCubeBody = Static<typeof CreateCubeBody>;

export const CubeDimensionView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.Object({ ja: Type.String(), en: Type.String() }),
});
export const CubeView = Type.Object({
  object: ModelObjectView,
  dimensions: Type.Array(CubeDimensionView),
  /** Populated (non-zero) leaf cells. */
  size: Type.Integer(),
  /** Last change of the cube (structure or cells), ISO 8601 in the tenant zone. */
  lastChange: Type.String(),
});
export type CubeView = Static<typeof CubeView>;
export const CubeListResponse = Type.Object({ items: Type.Array(CubeView) });

/** A cell address: dimension code → element code, one for every dimension of the cube. */
export const Coords = Type.Record(Code, Code, { maxProperties: 12 });
export type Coords = Static<typeof Coords>;

const Axis = Type.Object(
  { dimension: Code, elements: Type.Array(Code, { minItems: 1, maxItems: 2000 }) },
  strict,
);
export const GridBody = Type.Object(
  { rows: Axis, columns: Axis, fixed: Type.Record(Code, Code, { maxProperties: 12 }) },
  strict,
);
export type GridBody = Static<typeof GridBody>;
export const GridResponse = Type.Object({
  rows: Type.Array(Type.String()),
  columns: Type.Array(Type.String()),
  /** values[row][column]; `null` = a cell the user may not read. */
  values: Type.Array(Type.Array(Type.Union([Type.Number(), Type.Null()]))),
});
export type GridResponse = Static<typeof GridResponse>;

export const CellsBody = Type.Object(
  {
    cells: Type.Array(Type.Object({ coords: Coords, value: Type.Number() }, strict), {
      minItems: 1,
      maxItems: 10_000,
    }),
  },
  strict,
);
export type CellsBody = Static<typeof CellsBody>;
export const CellsResponse = Type.Object({ changed: Type.Integer() });
