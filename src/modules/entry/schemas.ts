import { Type, type Static } from 'typebox';
import { Coords, GridBody } from '../model/cube-schemas.js';

/** Request/response schemas of cell history and comments (`/t/:slug/api/model/cubes/:id/...`). */
const strict = { additionalProperties: false } as const;

/** Cells named one by one, and/or a grid (rows × columns with the other dimensions fixed, as a form shows). */
export const CellSet = Type.Object(
  {
    cells: Type.Optional(Type.Array(Coords, { maxItems: 5000 })),
    grid: Type.Optional(GridBody),
  },
  strict,
);
export type CellSet = Static<typeof CellSet>;

export const HistoryBody = Type.Object(
  {
    ...CellSet.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    /** `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ maxLength: 200, pattern: '^[0-9]+:[0-9:]+$' })),
  },
  strict,
);
export type HistoryBody = Static<typeof HistoryBody>;

const UserRef = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);

export const HistoryItem = Type.Object({
  coords: Type.Record(Type.String(), Type.String()),
  oldValue: Type.Number(),
  newValue: Type.Number(),
  user: UserRef,
  /** ISO 8601 in the tenant zone. */
  at: Type.String(),
  source: Type.Union([
    Type.Literal('grid'),
    Type.Literal('excel'),
    Type.Literal('import'),
    Type.Literal('spread'),
    Type.Literal('copy'),
    Type.Literal('package'),
  ]),
});
export type HistoryItem = Static<typeof HistoryItem>;
export const HistoryResponse = Type.Object({
  items: Type.Array(HistoryItem),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type HistoryResponse = Static<typeof HistoryResponse>;

export const COMMENT_MAX = 2000;
export const NewCommentBody = Type.Object(
  {
    coords: Coords,
    body: Type.String({ minLength: 1, maxLength: COMMENT_MAX }),
    parentId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  strict,
);
export type NewCommentBody = Static<typeof NewCommentBody>;

export const CommentView = Type.Object({
  id: Type.String(),
  coords: Type.Record(Type.String(), Type.String()),
  parentId: Type.Union([Type.String(), Type.Null()]),
  author: UserRef,
  /** '' for a deleted comment kept because it has replies. */
  body: Type.String(),
  deleted: Type.Boolean(),
  mine: Type.Boolean(),
  at: Type.String(),
});
export type CommentView = Static<typeof CommentView>;
export const CommentListResponse = Type.Object({ items: Type.Array(CommentView) });
export type CommentListResponse = Static<typeof CommentListResponse>;

export const CommentParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
  commentId: Type.String({ maxLength: 64 }),
});
