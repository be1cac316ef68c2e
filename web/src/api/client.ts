import { currentLanguage } from '../i18n/index.js';

/** One field problem reported by the server; `path` is a JSON pointer such as `/slug`. */
export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** `FORM_SAVE_CONFLICT`: a cell changed by someone else since the grid loaded it. */
export interface CellConflict {
  row: string;
  column: string;
  /** The value the grid had loaded. */
  base: number;
  /** The value stored now. */
  theirs: number;
  /** The value this save wanted to write. */
  yours: number;
}

/** A failed request: either the server's `{ error }` body, or a network / unexpected failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly refId: string | undefined;
  readonly issues: FieldIssue[];
  /** Present on `FORM_SAVE_CONFLICT` (empty otherwise). */
  readonly conflicts: CellConflict[];

  constructor(
    status: number,
    code: string,
    message: string,
    refId?: string,
    issues: FieldIssue[] = [],
    conflicts: CellConflict[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.refId = refId;
    this.issues = issues;
    this.conflicts = conflicts;
  }

  /**
   * Issues keyed by field name (`/slug` → `slug`), first message per field. Codes that are
   * clearly about one field (SLUG_TAKEN, PASSWORD_TOO_SHORT…) are placed beside it as well.
   */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.issues) {
      const field = issue.path.replace(/^\//, '').split('/')[0] ?? '';
      out[field] ??= issue.message;
    }
    const field = CODE_FIELDS.find(([pattern]) => pattern.test(this.code))?.[1];
    if (field) out[field] ??= this.message;
    return out;
  }
}

const CODE_FIELDS: [RegExp, string][] = [
  [/^PASSWORD_/, 'password'],
  [/^CURRENT_PASSWORD_INCORRECT$/, 'currentPassword'],
  [/^SLUG_/, 'slug'],
  [/^EMAIL_TAKEN$/, 'email'],
  [/^CONTRACT_DATES_INVALID$/, 'contractEnd'],
];

/** Status 0 marks a network failure; the UI shows its own localised text for those. */
export const NETWORK_ERROR = 'NETWORK_ERROR';
/** A response that was not the expected JSON (e.g. a proxy's HTML error page). */
export const UNEXPECTED_RESPONSE = 'UNEXPECTED_RESPONSE';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

let csrfToken: string | undefined;
let csrfRequest: Promise<string> | undefined;

async function fetchCsrfToken(): Promise<string> {
  csrfRequest ??= send<{ token: string }>('GET', '/api/csrf')
    .then((body) => {
      csrfToken = body.token;
      return body.token;
    })
    .finally(() => {
      csrfRequest = undefined;
    });
  return csrfRequest;
}

function isErrorBody(value: unknown): value is {
  error: { code: string; message: string; refId?: string; issues?: FieldIssue[]; conflicts?: CellConflict[] };
} {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

async function send<T>(method: Method, path: string, body?: unknown, csrf?: string): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  const raw = typeof Blob !== 'undefined' && body instanceof Blob;
  // A Blob typed application/octet-stream (package files) keeps its type; other files go as CSV.
  const rawType = raw && body.type === 'application/octet-stream' ? body.type : 'text/csv';
  if (body !== undefined) headers['Content-Type'] = raw ? rawType : 'application/json';
  if (csrf !== undefined) headers['X-CSRF-Token'] = csrf;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : raw ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, NETWORK_ERROR, cause instanceof Error ? cause.message : String(cause));
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    if (isErrorBody(parsed)) {
      const { code, message, refId, issues, conflicts } = parsed.error;
      throw new ApiError(
        response.status,
        code,
        message,
        refId,
        Array.isArray(issues) ? issues : [],
        Array.isArray(conflicts) ? conflicts : [],
      );
    }
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, `HTTP ${response.status}`);
  }
  if (text !== '' && parsed === undefined) {
    throw new ApiError(response.status, UNEXPECTED_RESPONSE, `HTTP ${response.status}: not JSON`);
  }
  return parsed as T;
}

/**
 * Calls the Yosan API on the same origin. State-changing requests carry the
 * CSRF token from `GET /api/csrf`, fetched on first use and refetched once
 * when the server answers CSRF_INVALID.
 */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  if (method === 'GET') return send<T>(method, path);
  const token = csrfToken ?? (await fetchCsrfToken());
  try {
    return await send<T>(method, path, body, token);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'CSRF_INVALID') {
      csrfToken = undefined;
      return send<T>(method, path, body, await fetchCsrfToken());
    }
    throw error;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** Sends a file's raw bytes (`Content-Type: text/csv`), e.g. a CSV in Shift_JIS for the server to decode. */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, file),
};

/** A sign-in or sign-out changes the session, and servers may rotate the CSRF token with it. */
export function forgetCsrfToken(): void {
  csrfToken = undefined;
}

/** Base path of a tenant's API: `/t/acme/api`. */
export function tenantApi(slug: string): string {
  return `/t/${encodeURIComponent(slug)}/api`;
}
