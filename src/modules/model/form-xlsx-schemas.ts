import { Type, type Static } from 'typebox';
import { NumberFormat } from './definitions.js';
import { Choices } from './form-schemas.js';
import { Code, LocalName } from './schemas.js';

/** Request/response schemas of a form's Excel round trip (`/forms/:id/xlsx…`). */
const strict = { additionalProperties: false } as const;

export const FormXlsxBody = Type.Object(
  {
    choices: Type.Optional(Choices),
    /** Language of the sheet's labels and names (else the request's). */
    lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])),
    /** Reports only: the drilled row, as in `…/open` (the file shows what the screen shows). */
    drill: Type.Optional(Type.Object({ row: Type.Optional(Code) }, strict)),
  },
  strict,
);
export type FormXlsxBody = Static<typeof FormXlsxBody>;
/** The CSV download takes the same body (its encoding is the `?charset=` of every CSV export). */
export const FormCsvBody = FormXlsxBody;

/** Where a cell of the upload is: element codes, names (codes when no longer on the form) and the sheet address. */
const At = {
  row: Type.String(),
  column: Type.String(),
  rowName: LocalName,
  columnName: LocalName,
  /** A1-style address on the visible sheet. */
  cell: Type.String(),
};

export const XlsxChange = Type.Object({
  ...At,
  /** Yen as downloaded (null: the cell was empty). */
  old: Type.Union([Type.Number(), Type.Null()]),
  new: Type.Number(),
});
export const XlsxCellError = Type.Object({
  ...At,
  code: Type.String(),
  message: Type.String(),
});
/** A cell the user changed that someone else changed on the server since the download. */
export const XlsxConflict = Type.Object({
  ...At,
  base: Type.Union([Type.Number(), Type.Null()]),
  theirs: Type.Union([Type.Number(), Type.Null()]),
  yours: Type.Number(),
});
export type XlsxChange = Static<typeof XlsxChange>;
export type XlsxCellError = Static<typeof XlsxCellError>;
export type XlsxConflict = Static<typeof XlsxConflict>;

export const FormXlsxPreview = Type.Object({
  /** One-shot token for `…/xlsx/apply`; null when there is nothing to apply or anything is wrong. */
  token: Type.Union([Type.String(), Type.Null()]),
  form: Type.Object({ id: Type.String(), code: Type.String(), name: LocalName }),
  fixed: Type.Array(Type.Object({ dimension: Type.String(), element: Type.String(), name: LocalName })),
  format: NumberFormat,
  counts: Type.Object({
    cells: Type.Integer(),
    changed: Type.Integer(),
    errors: Type.Integer(),
    conflicts: Type.Integer(),
  }),
  /** At most 1,000 of each (the counts give the totals). */
  changes: Type.Array(XlsxChange),
  errors: Type.Array(XlsxCellError),
  conflicts: Type.Array(XlsxConflict),
});
export type FormXlsxPreview = Static<typeof FormXlsxPreview>;

export const FormXlsxApplyBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 100 }) },
  strict,
);
export const FormXlsxApplied = Type.Object({ changed: Type.Integer() });
