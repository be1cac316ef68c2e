import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NETWORK_ERROR, api, forgetCsrfToken } from './client.js';

interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fake fetch answering from a list of handlers, recording every call. */
function fakeFetch(respond: (call: Call, index: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fn = vi.fn((input: string | URL | Request, init?: RequestInit) => {
    const call: Call = {
      method: init?.method ?? 'GET',
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      headers: { ...(init?.headers as Record<string, string>) },
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init?.credentials,
    };
    calls.push(call);
    return Promise.resolve(respond(call, calls.length - 1));
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

describe('api client', () => {
  beforeEach(() => forgetCsrfToken());
  afterEach(() => vi.unstubAllGlobals());

  it('sends Accept, Accept-Language and same-origin credentials on GET', async () => {
    const calls = fakeFetch(() => json(200, { name: 'Yosan', version: '0.1.0' }));
    await expect(api.get('/api/meta')).resolves.toEqual({ name: 'Yosan', version: '0.1.0' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers).toMatchObject({ Accept: 'application/json', 'Accept-Language': 'en' });
    expect(calls[0]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(calls[0]!.credentials).toBe('same-origin');
  });

  it('fetches the CSRF token once and sends it with JSON on state-changing requests', async () => {
    const calls = fakeFetch((call) =>
      call.url === '/api/csrf' ? json(200, { token: 'tok-1' }) : new Response(null, { status: 204 }),
    );
    await api.post('/api/operator/password', { token: 'x', password: 'y' });
    await api.delete('/api/operator/session');
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /api/csrf',
      'POST /api/operator/password',
      'DELETE /api/operator/session',
    ]);
    expect(calls[1]!.headers).toMatchObject({ 'X-CSRF-Token': 'tok-1', 'Content-Type': 'application/json' });
    expect(calls[1]!.body).toEqual({ token: 'x', password: 'y' });
    expect(calls[2]!.headers['X-CSRF-Token']).toBe('tok-1');
  });

  it('refetches the token and retries once on CSRF_INVALID', async () => {
    let token = 0;
    const calls = fakeFetch((call) => {
      if (call.url === '/api/csrf') return json(200, { token: `tok-${++token}` });
      return call.headers['X-CSRF-Token'] === 'tok-2'
        ? json(200, { ok: true })
        : json(403, { error: { code: 'CSRF_INVALID', message: 'expired' } });
    });
    await expect(api.post('/api/x', {})).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/csrf', '/api/x', '/api/csrf', '/api/x']);
  });

  it('turns an error body into an ApiError with refId and field issues', async () => {
    fakeFetch((call) =>
      call.url === '/api/csrf'
        ? json(200, { token: 't' })
        : json(400, {
            error: {
              code: 'VALIDATION_FAILED',
              message: '入力内容を確認してください。',
              refId: 'ab12cd34',
              issues: [{ path: '/slug', code: 'format', message: '形式が正しくありません。' }],
            },
          }),
    );
    const error = await api.post('/api/operator/tenants', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    expect([e.status, e.code, e.message, e.refId]).toEqual([
      400,
      'VALIDATION_FAILED',
      '入力内容を確認してください。',
      'ab12cd34',
    ]);
    expect(e.fieldErrors()).toEqual({ slug: '形式が正しくありません。' });
  });

  it('carries the conflicts of a refused form save', async () => {
    const conflict = { row: 'SALES', column: 'NET_SALES', base: 1000, theirs: 1100, yours: 1200 };
    fakeFetch((call) =>
      call.url === '/api/csrf'
        ? json(200, { token: 't' })
        : json(409, { error: { code: 'FORM_SAVE_CONFLICT', message: 'changed', conflicts: [conflict] } }),
    );
    const e = (await api.post('/t/x/api/model/forms/f/cells', {}).catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.conflicts]).toEqual([409, 'FORM_SAVE_CONFLICT', [conflict]]);
    expect(new ApiError(400, 'X', 'y').conflicts).toEqual([]);
  });

  it('places field-specific codes beside their field', () => {
    expect(new ApiError(409, 'SLUG_TAKEN', 'taken').fieldErrors()).toEqual({ slug: 'taken' });
    expect(new ApiError(400, 'PASSWORD_TOO_SHORT', 'short').fieldErrors()).toEqual({ password: 'short' });
  });

  it('reports network failures and non-JSON answers distinctly', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(api.get('/api/meta')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('<html>bad gateway</html>', { status: 502 }))),
    );
    await expect(api.get('/api/meta')).rejects.toMatchObject({ status: 502, code: 'UNEXPECTED_RESPONSE' });
  });
});
