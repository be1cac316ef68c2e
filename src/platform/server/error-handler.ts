import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetails, type FieldIssue } from '../errors/app-error.js';
import { statusOf, type ErrorCode } from '../errors/codes.js';
import { translate, translateDynamic, type Locale } from '../i18n/index.js';
import { SINGLE_LINE_NOT_BLANK_PATTERN, SINGLE_LINE_PATTERN } from '../text/single-line.js';
import { noteError } from './access-log.js';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; refId?: string; issues?: FieldIssue[] } & ErrorDetails;
}

interface AjvIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const FIELD_CODE: Record<string, string> = {
  required: 'required',
  maxLength: 'too_long',
  minLength: 'too_short',
  format: 'format',
  pattern: 'format',
  type: 'type',
  additionalProperties: 'unknown',
  enum: 'format',
  const: 'format',
  minimum: 'format',
  maximum: 'format',
};

function issuesFromValidation(
  locale: Locale,
  validation: AjvIssue[],
  context: string | undefined,
): FieldIssue[] {
  return validation.map((v) => {
    let path = v.instancePath || '';
    if (v.keyword === 'required' && typeof v.params.missingProperty === 'string')
      path += `/${v.params.missingProperty}`;
    if (v.keyword === 'additionalProperties' && typeof v.params.additionalProperty === 'string') {
      path += `/${v.params.additionalProperty}`;
    }
    let code = FIELD_CODE[v.keyword] ?? 'format';
    if (v.keyword === 'pattern' && v.params.pattern === SINGLE_LINE_PATTERN) code = 'single_line';
    if (v.keyword === 'pattern' && v.params.pattern === SINGLE_LINE_NOT_BLANK_PATTERN)
      code = 'single_line_not_blank';
    if (v.keyword === 'format' && v.params.format === 'email') code = 'email';
    if (v.keyword === 'format' && v.params.format === 'date') code = 'date';
    const params = {
      max: typeof v.params.limit === 'number' ? v.params.limit : '',
      min: typeof v.params.limit === 'number' ? v.params.limit : '',
    };
    return {
      path: `${context && context !== 'body' ? `${context}:` : ''}${path || '/'}`,
      code,
      message: translateDynamic(locale, `fields.${code}`, params),
    };
  });
}

/**
 * A service's issue without a message gets the catalogue's text for its code (`fields.<code>`),
 * when that text needs no parameters the issue does not carry; else it stays as it is.
 */
function withMessage(locale: Locale, issue: FieldIssue): FieldIssue {
  if (issue.message) return issue;
  const text = translateDynamic(locale, `fields.${issue.code}`, {}, '');
  return text && !/\{\w+\}/.test(text) ? { ...issue, message: text } : issue;
}

/** Maps framework errors (bad JSON, too large, rate limit...) to our codes. */
function codeForFrameworkError(error: FastifyError): ErrorCode | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'MALFORMED_JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'UNSUPPORTED_MEDIA_TYPE';
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return 'MALFORMED_JSON';
  switch (error.statusCode) {
    case 429:
      return 'RATE_LIMITED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 404:
      return 'NOT_FOUND';
    case 403:
      return 'FORBIDDEN';
    case 401:
      return 'UNAUTHENTICATED';
    case 400:
      return 'VALIDATION_FAILED';
    default:
      return undefined;
  }
}

export function errorBody(
  locale: Locale,
  code: ErrorCode,
  params: Record<string, string | number> = {},
  refId?: string,
): ErrorBody {
  return {
    error: {
      code,
      message: translate(locale, `errors.${code}`, { ...params, ...(refId ? { refId } : {}) }),
      ...(refId ? { refId } : {}),
    },
  };
}

/** The English message of the code (and the fields at fault): safe for the tenant's error log. */
function safeDescription(
  code: ErrorCode,
  params: Record<string, string | number> = {},
  issues: FieldIssue[] = [],
): string {
  const message = translate('en', `errors.${code}`, { ...params, refId: '-' });
  return issues.length ? `${message} [${issues.map((i) => `${i.path}: ${i.code}`).join(', ')}]` : message;
}

/**
 * The one last-resort handler: known errors become their code, status and
 * localised message; anything else is logged with a reference id and answered
 * with that id only (never a stack trace).
 */
export function handleError(
  error: FastifyError | AppError | Error,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  const locale = req.locale ?? 'ja';
  // In a tenant's context every error is in the tenant's error log, so its reference id is shown.
  const ref = req.tenantCtx ? req.id : undefined;
  if (error instanceof AppError) {
    const serverSide = statusOf(error.code) >= 500;
    if (serverSide) req.log.error({ err: error, refId: req.id }, 'service error');
    const body = errorBody(locale, error.code, error.params, serverSide ? req.id : ref);
    if (error.issues.length) body.error.issues = error.issues.map((i) => withMessage(locale, i));
    body.error = { ...error.details, ...body.error };
    noteError(req, error.code, statusOf(error.code), safeDescription(error.code, error.params, error.issues));
    void reply.code(statusOf(error.code)).send(body);
    return;
  }
  const fe = error as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
  if (Array.isArray(fe.validation)) {
    const body = errorBody(locale, 'VALIDATION_FAILED', {}, ref);
    body.error.issues = issuesFromValidation(locale, fe.validation, fe.validationContext);
    noteError(req, 'VALIDATION_FAILED', 400, safeDescription('VALIDATION_FAILED', {}, body.error.issues));
    void reply.code(400).send(body);
    return;
  }
  const code = codeForFrameworkError(fe);
  if (code) {
    const retryAfter = String(reply.getHeader('retry-after') ?? '60');
    const headers = code === 'RATE_LIMITED' ? { 'retry-after': retryAfter } : {};
    const params: Record<string, string> = code === 'RATE_LIMITED' ? { seconds: retryAfter } : {};
    noteError(req, code, statusOf(code), safeDescription(code, params));
    void reply
      .code(statusOf(code))
      .headers(headers)
      .send(errorBody(locale, code, params, ref));
    return;
  }
  req.log.error({ err: error, refId: req.id }, 'unhandled error');
  // Only the error's class name: its message may hold data, its stack never leaves the server log.
  noteError(req, 'INTERNAL', 500, `Unhandled ${error.name || 'Error'}`);
  void reply.code(500).send(errorBody(locale, 'INTERNAL', {}, req.id));
}
