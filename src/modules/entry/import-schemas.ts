import { Type, type Static } from 'typebox';
import { Code } from '../model/schemas.js';

/** Request/response schemas of the actuals import (`/t/:slug/api/model/cubes/:id/actuals/...`). */
const strict = { additionalProperties: false } as const;
const Column = Type.String({ minLength: 1, maxLength: 200 });

/**
 * Which file column goes to which dimension, fixed elements for the dimensions not in the file,
 * the value column, per-dimension tables from external codes to element codes (a code not in
 * the table is taken as it is), and whether to clear the targeted slice first.
 */
export const ImportDefinition = Type.Object(
  {
    columns: Type.Record(Code, Column, { maxProperties: 12 }),
    fixed: Type.Record(Code, Code, { maxProperties: 12 }),
    value: Column,
    maps: Type.Record(Code, Type.Record(Column, Code, { maxProperties: 20_000 }), { maxProperties: 12 }),
    /** Clear the slice first: the fixed elements × (for `sliceDimensions`) the elements the file names. */
    replace: Type.Boolean(),
    sliceDimensions: Type.Array(Code, { maxItems: 12, uniqueItems: true }),
  },
  strict,
);
export type ImportDefinition = Static<typeof ImportDefinition>;

export const DefinitionResponse = Type.Object({
  definition: Type.Union([ImportDefinition, Type.Null()]),
  updatedAt: Type.Union([Type.String(), Type.Null()]),
});
export type DefinitionResponse = Static<typeof DefinitionResponse>;

export const InspectResponse = Type.Object({
  format: Type.String(),
  encoding: Type.String(),
  headers: Type.Array(Type.String()),
  sample: Type.Array(Type.Array(Type.String())),
  rows: Type.Integer(),
});
export type InspectResponse = Static<typeof InspectResponse>;

const RowError = Type.Object({ column: Type.String(), code: Type.String(), message: Type.String() });
export const PreviewRow = Type.Object({
  /** Line of the CSV file / row of the sheet. */
  line: Type.Integer(),
  /** Dimension → element code (mapped), or the file's text where it did not map. */
  coords: Type.Record(Type.String(), Type.String()),
  value: Type.Union([Type.Number(), Type.Null()]),
  /** Another row of the file targets the same cell: the values are added up. */
  summed: Type.Boolean(),
  errors: Type.Array(RowError),
});
export type PreviewRow = Static<typeof PreviewRow>;

export const ImportCounts = Type.Object({
  rows: Type.Integer(),
  valid: Type.Integer(),
  errors: Type.Integer(),
  /** Distinct cells the valid rows write. */
  cells: Type.Integer(),
  /** Rows added to an earlier row's cell. */
  summed: Type.Integer(),
  /** Sum of the valid rows' values. */
  total: Type.Number(),
});
export type ImportCounts = Static<typeof ImportCounts>;

export const PreviewResponse = Type.Object({
  format: Type.String(),
  encoding: Type.String(),
  counts: ImportCounts,
  /** The first rows and every row in error (up to a limit), in file order. */
  rows: Type.Array(PreviewRow),
  /** Problems of the whole import (e.g. replacing would clear cells the user may not change). */
  problems: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type PreviewResponse = Static<typeof PreviewResponse>;

export const ApplyResponse = Type.Object({ counts: ImportCounts, changed: Type.Integer() });
export type ApplyResponse = Static<typeof ApplyResponse>;
