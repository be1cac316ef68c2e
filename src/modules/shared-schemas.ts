import { Type } from 'typebox';

/** Shared request/response schema pieces. */
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const LocaleSchema = Type.Union([Type.Literal('ja'), Type.Literal('en')]);
export const OneTimeToken = Type.String({ minLength: 1, maxLength: 200 });
export const IsoDate = Type.String({ format: 'date' });

export const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    refId: Type.Optional(Type.String()),
    issues: Type.Optional(
      Type.Array(
        Type.Object({ path: Type.String(), code: Type.String(), message: Type.Optional(Type.String()) }),
      ),
    ),
    /** `FORM_SAVE_CONFLICT`: the cells changed by someone else since they were loaded. */
    conflicts: Type.Optional(
      Type.Array(
        Type.Object({
          row: Type.String(),
          column: Type.String(),
          /** The value the saving grid had loaded. */
          base: Type.Number(),
          /** The value stored now. */
          theirs: Type.Number(),
          /** The value the save wanted to write. */
          yours: Type.Number(),
        }),
      ),
    ),
  }),
});

/** The usual error answers, for the OpenAPI document. */
export const errorResponses = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  429: ErrorResponse,
};
