import { Type, type Static, type TSchema } from 'typebox';

/** Shared request/response schema pieces. */
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
export const Password = Type.String({ minLength: 1, maxLength: 1024 });
export const LocaleSchema = Type.Union([Type.Literal('ja'), Type.Literal('en')]);
export const OneTimeToken = Type.String({ minLength: 1, maxLength: 200 });
export const IsoDate = Type.String({ format: 'date' });

/**
 * `t` or null in a request, written as `type: [t's type, 'null']`. Not `Type.Union([t, Type.Null()])`:
 * the validator coerces types (for query strings), and in an `anyOf` it coerces a null into the
 * first branch (null → 0, null → ""), so "null means none" silently became 0 or "" (issue 21
 * point 12). With a type list it leaves a value that already has one of the types alone.
 * test/integration/nullable-coercion.test.ts finds request fields written the other way.
 */
export function Nullable<T extends TSchema & { type: string }>(t: T) {
  return Type.Unsafe<Static<T> | null>({ ...t, type: [t.type, 'null'] });
}

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
