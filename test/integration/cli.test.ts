import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { createTestDatabase, usePostgres } from '../support/postgres.js';

const root = path.resolve(import.meta.dirname, '../..');
const cli = path.join(root, 'dist/src/cli/main.js');
let dataDir: string;
let env: Record<string, string>;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  if (!existsSync(cli)) spawnSync('npm', ['run', 'build:server'], { cwd: root, stdio: 'inherit' });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yosan-cli-'));
  env = {
    YOSAN_DATA_DIR: dataDir,
    YOSAN_HTTPS_PORT: String(await freePort()),
    YOSAN_HTTP_PORT: '0',
    YOSAN_HOST: '127.0.0.1',
  };
  if (usePostgres()) {
    const db = await createTestDatabase();
    env.DATABASE_URL = db.url;
    dropDb = db.drop;
  }
});
afterAll(async () => {
  await dropDb?.();
  rmSync(dataDir, { recursive: true, force: true });
});

function yosan(args: string[], extraEnv: Record<string, string> = {}) {
  const res = spawnSync(process.execPath, [cli, ...args], {
    env: { ...process.env, ...env, ...extraEnv },
    encoding: 'utf8',
  });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('yosan CLI', () => {
  it('prints the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    expect(yosan(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('refuses an invalid setting with one clear line', () => {
    const res = yosan(['serve'], { YOSAN_HTTPS_PORT: 'abc' });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe(
      'yosan: configuration error: YOSAN_HTTPS_PORT must be a port number 1-65535, got "abc"',
    );
  });

  it('refuses a missing or malformed certificate with one clear line', () => {
    const missing = yosan(['serve'], {
      YOSAN_TLS_CERT_FILE: '/nonexistent/cert.pem',
      YOSAN_TLS_KEY_FILE: '/nonexistent/key.pem',
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe(
      'yosan: configuration error: YOSAN_TLS_CERT_FILE file "/nonexistent/cert.pem" does not exist',
    );
    const junk = path.join(dataDir, 'junk.pem');
    writeFileSync(junk, 'not a certificate');
    const malformed = yosan(['serve'], { YOSAN_TLS_CERT_FILE: junk, YOSAN_TLS_KEY_FILE: junk });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain(`Certificate "${junk}" is not a valid PEM certificate`);
  });

  it('creates and lists tenants, and refuses a duplicate slug', () => {
    const args = [
      'tenant',
      'create',
      '--slug',
      'kaisha',
      '--name',
      '株式会社サンプル',
      '--admin-email',
      'boss@kaisha.example',
      '--start',
      '2026-04-01',
      '--end',
      '2027-03-31',
    ];
    const created = yosan(args);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('Tenant kaisha created');
    const list = yosan(['tenant', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({ slug: 'kaisha', displayName: '株式会社サンプル', status: 'active' }),
    ]);
    const dup = yosan(args);
    expect(dup.code).toBe(2);
    expect(dup.stderr.trim()).toBe('yosan: The URL name "kaisha" is already in use by another tenant.');
  });

  it('migrates every database and says so', () => {
    const res = yosan(['migrate']);
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe('All databases are migrated.');
  });

  it('creates an operator and prints a one-time set-password link', () => {
    const res = yosan(['operator', 'create', '--email', 'second@ops.example']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/https:\/\/localhost:\d+\/operator\/set-password#token=[A-Za-z0-9_-]{43}/);
  });

  it('serves HTTPS, prints the one-time setup URL, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'serve'], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const start = Date.now();
    while (!out.includes('/operator/setup#token=') && Date.now() - start < 20_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/https:\/\/localhost:\d+\/operator\/setup#token=[A-Za-z0-9_-]{43}/);
    // The token is printed for the person at the terminal, not into any JSON log line.
    const token = /#token=([A-Za-z0-9_-]+)/.exec(out)![1]!;
    const logLines = out.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.some((l) => l.includes(token))).toBe(false);
    const ca = readFileSync(path.join(dataDir, 'tls', 'self-signed.crt'), 'utf8');
    const status = await new Promise<number>((resolve, reject) => {
      https
        .get({ host: 'localhost', port: Number(env.YOSAN_HTTPS_PORT), path: '/healthz', ca }, (r) =>
          resolve(r.statusCode ?? 0),
        )
        .on('error', reject);
    });
    expect(status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
