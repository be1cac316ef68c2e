import { Type, type Static, type TSchema } from 'typebox';
import { SINGLE_LINE_NOT_BLANK_PATTERN, SINGLE_LINE_PATTERN } from '../platform/text/single-line.js';

/**
 * A single-line text field of a request (names, categories, subjects): no control characters, line
 * breaks or bidi overrides (issue 21 point 4); `notBlank` also asks for one non-space character.
 * Refused with the field code `single_line` (error-handler.ts).
 */
export function SingleLine(options: { minLength?: number; maxLength: number; notBlank?: boolean }) {
  const { notBlank, ...lengths } = options;
  return Type.String({ ...lengths, pattern: notBlank ? SINGLE_LINE_NOT_BLANK_PATTERN : SINGLE_LINE_PATTERN });
}

/** Shared request/response schema pieces. */
export const Email = Type.String({ format: 'email', maxLength: 254 });
export const DisplayName = SingleLine({ minLength: 1, maxLength: 100, notBlank: true });
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
