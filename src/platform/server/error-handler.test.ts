import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogCapture } from '../../../test/support/log-capture.js';
import { registerModules } from '../../modules/index.js';
import { bootstrap, type Runtime } from '../../runtime/bootstrap.js';
import { loadConfig } from '../config/config.js';
import { AppError } from '../errors/app-error.js';
import { ERROR_CODES } from '../errors/codes.js';
import { translate } from '../i18n/translate.js';
import { buildApp, type App } from './app.js';

let dir: string;
let runtime: Runtime;
let app: App;
const logs = new LogCapture();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-err-'));
  runtime = await bootstrap({
    config: loadConfig({ env: { YOSAN_DATA_DIR: dir } }),
    logDestination: logs,
    startWorker: false,
  });
  app = await buildApp({
    deps: runtime.deps,
    registerModules: async (a, deps) => {
      await registerModules(a, deps);
      a.get('/api/test/boom', { config: { auth: 'public' } }, () => {
        throw new Error('internal detail: connection to 10.0.0.5 refused');
      });
      a.get('/api/test/conflict', { config: { auth: 'public' } }, () => {
        throw new AppError('SLUG_TAKEN', { params: { slug: 'acme' } });
      });
    },
  });
});
afterAll(async () => {
  await app.close();
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('last-resort error handler', () => {
  it('answers an unknown error with a reference id only, and logs the error with that id', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/test/boom',
      headers: { 'accept-language': 'ja' },
    });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; message: string; refId: string } }>();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.refId).toMatch(/^[0-9a-f]{8}$/);
    expect(body.error.message).toContain(body.error.refId);
    expect(body.error.message).toContain('参照番号');
    expect(res.body).not.toContain('10.0.0.5');
    expect(res.body).not.toContain('at ');
    const line = logs.lines
      .map((l) => JSON.parse(l) as { refId?: string; err?: { message: string } })
      .find((l) => l.refId === body.error.refId);
    expect(line?.err?.message).toContain('10.0.0.5');
  });

  it('maps a domain error to its status and localised message', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/test/conflict',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'SLUG_TAKEN', message: 'The URL name "acme" is already in use by another tenant.' },
    });
  });

  it('has a ja and an en message for every error code', () => {
    for (const code of ERROR_CODES) {
      for (const locale of ['ja', 'en'] as const) {
        const m = translate(locale, `errors.${code}`);
        expect(m, `${locale} ${code}`).not.toBe(`errors.${code}`);
        expect(m.length).toBeGreaterThan(5);
      }
    }
  });
});
