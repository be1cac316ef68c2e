/**
 * Every stable error code Yosan can answer with, and its HTTP status.
 * Services throw `AppError(code)`; the server maps the code here and the
 * message from the i18n catalogue (`errors.<code>`), so this is the one table.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  RATE_LIMITED: 429,
  INVALID_CREDENTIALS: 401,
  TOKEN_INVALID: 400,
  TOKEN_EXPIRED: 410,
  TOKEN_USED: 410,
  PASSWORD_TOO_SHORT: 400,
  PASSWORD_TOO_LONG: 400,
  PASSWORD_TOO_COMMON: 400,
  PASSWORD_CONTAINS_IDENTITY: 400,
  SETUP_ALREADY_DONE: 409,
  EMAIL_TAKEN: 409,
  SLUG_TAKEN: 409,
  SLUG_INVALID: 400,
  SLUG_RESERVED: 400,
  CONTRACT_DATES_INVALID: 400,
  TENANT_NOT_FOUND: 404,
  TENANT_SUSPENDED: 403,
  TENANT_STATE_CONFLICT: 409,
  OPERATOR_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  MAIL_NOT_FOUND: 404,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
