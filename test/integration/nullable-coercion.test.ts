import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The validator coerces types (`coerceTypes: 'array'`, for query strings). In an `anyOf` whose
 * first branch is a number or a string, a `null` is coerced into that branch (null → 0, null → ""),
 * so "null means no check / no owner" silently became 0 or "" (issue 21 point 12). Nullable request
 * fields must be written with `Nullable()` (shared-schemas.ts: `type: [t, 'null']`, which the
 * validator leaves alone when the value is already null). This reads the server's own route
 * table (its request schemas) and names every request field still written the coercible way.
 */
let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(async () => {
  await ts?.stop();
});

type Json = Record<string, unknown>;

function coercibleNulls(schema: unknown, path: string, out: string[]): void {
  if (Array.isArray(schema)) {
    schema.forEach((s, i) => coercibleNulls(s, `${path}[${i}]`, out));
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const s = schema as Json;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = s[key];
    if (Array.isArray(branches) && branches.some((b) => (b as Json).type === 'null')) out.push(path);
  }
  for (const [k, v] of Object.entries(s)) coercibleNulls(v, `${path}/${k}`, out);
}

describe('nullable request fields under type coercion', () => {
  it('has no request body, query or parameter field whose null the validator would coerce', () => {
    const found: string[] = [];
    for (const r of ts.server.app.routeTable) {
      const schema = (r.schema ?? {}) as Json;
      for (const part of ['body', 'querystring', 'params', 'headers']) {
        coercibleNulls(schema[part], `${r.method} ${r.url} ${part}`, found);
      }
    }
    expect(found).toEqual([]);
  });
});
