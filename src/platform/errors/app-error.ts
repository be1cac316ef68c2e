import type { ErrorCode } from './codes.js';

export type ErrorParams = Record<string, string | number>;

/** A problem with one field of the input, reported back to the user. */
export interface FieldIssue {
  /** JSON pointer-ish path, e.g. `/email` or `row 3 / email`. */
  path: string;
  /** Stable code of the issue (e.g. `too_long`, `format`). */
  code: string;
  /** Human message (already localised where possible). */
  message?: string;
}

/** One cell a save could not write because someone changed it since it was loaded. */
export interface CellConflict {
  row: string;
  column: string;
  /** The value the saving client had loaded. */
  base: number;
  /** The value stored now. */
  theirs: number;
  /** The value the save wanted to write. */
  yours: number;
}

/**
 * Structured facts an error carries to the client beside its message (each key is an optional
 * field of `ErrorResponse.error`; add new ones here and there).
 */
export interface ErrorDetails {
  conflicts?: CellConflict[];
}

/**
 * The one error type of Yosan. A stable `code`, optional parameters for the
 * localised message, optional per-field issues, optional structured `details`
 * (sent as extra fields of the error body), and an internal detail that is
 * logged but never sent to the client.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly issues: FieldIssue[];
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    options: {
      params?: ErrorParams;
      issues?: FieldIssue[];
      details?: ErrorDetails;
      internal?: string;
      cause?: unknown;
    } = {},
  ) {
    super(options.internal ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.params = options.params ?? {};
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unreachable: ${String(value)}`);
}
