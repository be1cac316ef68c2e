import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yosan-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function configFile(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The ConfigError thrown by loading these settings (fails the test if none is thrown). */
function errorOf(env: Record<string, string>, configFilePath?: string): ConfigError {
  try {
    loadConfig({ env, ...(configFilePath ? { configFile: configFilePath } : {}) });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const e = error as ConfigError;
    expect(e.message).not.toContain('\n');
    return e;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has sensible defaults', () => {
    const c = loadConfig({ env: {} });
    expect(c.httpsPort).toBe(8443);
    expect(c.httpPort).toBe(8080);
    expect(c.dataDir).toBe(path.resolve('./data'));
    expect(path.isAbsolute(c.dataDir)).toBe(true);
    expect(c.timeZone).toBe('Asia/Tokyo');
    expect(c.publicUrl).toBe('https://localhost:8443');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.smtpUrl).toBeUndefined();
    expect(c.logLevel).toBe('info');
    expect(c.trustProxy).toBe(false);
  });

  it('takes settings from the environment', () => {
    const c = loadConfig({
      env: {
        YOSAN_HTTPS_PORT: '9443',
        YOSAN_HTTP_PORT: '0',
        YOSAN_DATA_DIR: dir,
        YOSAN_TIME_ZONE: 'Europe/Berlin',
        DATABASE_URL: 'postgresql://u@db.example/yosan',
        SMTP_URL: 'smtp://mail.example:25',
        YOSAN_LOG_LEVEL: 'DEBUG',
        YOSAN_TRUST_PROXY: 'yes',
      },
    });
    expect(c).toMatchObject({
      httpsPort: 9443,
      httpPort: 0,
      dataDir: dir,
      timeZone: 'Europe/Berlin',
      databaseUrl: 'postgresql://u@db.example/yosan',
      smtpUrl: 'smtp://mail.example:25',
      logLevel: 'debug',
      trustProxy: true,
    });
    // The derived default follows the port.
    expect(c.publicUrl).toBe('https://localhost:9443');
  });

  it('normalises the public URL to its origin', () => {
    const c = loadConfig({ env: { YOSAN_PUBLIC_URL: 'https://budget.example.co.jp/some/path' } });
    expect(c.publicUrl).toBe('https://budget.example.co.jp');
  });

  it('reads a JSON config file (keys are the variable names); the environment wins', () => {
    const file = configFile(
      'yosan.json',
      JSON.stringify({
        YOSAN_HTTPS_PORT: 10443,
        YOSAN_TIME_ZONE: 'UTC',
        YOSAN_MAIL_FROM: 'ops@file.example',
      }),
    );
    const fromFile = loadConfig({ env: {}, configFile: file });
    expect(fromFile).toMatchObject({ httpsPort: 10443, timeZone: 'UTC', mailFrom: 'ops@file.example' });
    const both = loadConfig({ env: { YOSAN_CONFIG: file, YOSAN_TIME_ZONE: 'Asia/Tokyo' } });
    expect(both).toMatchObject({ httpsPort: 10443, timeZone: 'Asia/Tokyo', mailFrom: 'ops@file.example' });
  });

  it('refuses a bad port, naming the variable', () => {
    expect(errorOf({ YOSAN_HTTPS_PORT: '70000' }).message).toMatch(/^YOSAN_HTTPS_PORT .*"70000"/);
    expect(errorOf({ YOSAN_HTTPS_PORT: 'abc' }).message).toContain('YOSAN_HTTPS_PORT');
    expect(errorOf({ YOSAN_HTTPS_PORT: '0' }).message).toContain('YOSAN_HTTPS_PORT');
    expect(errorOf({ YOSAN_HTTP_PORT: '-1' }).message).toContain('YOSAN_HTTP_PORT');
    expect(errorOf({ YOSAN_HTTP_PORT: '8443' }).message).toContain('YOSAN_HTTP_PORT');
  });

  it('refuses a public URL that is not https', () => {
    expect(errorOf({ YOSAN_PUBLIC_URL: 'http://budget.example' }).message).toContain('YOSAN_PUBLIC_URL');
    expect(errorOf({ YOSAN_PUBLIC_URL: 'not a url' }).message).toContain('YOSAN_PUBLIC_URL');
  });

  it('refuses an unknown time zone', () => {
    expect(errorOf({ YOSAN_TIME_ZONE: 'Asia/Atlantis' }).message).toMatch(/YOSAN_TIME_ZONE.*Asia\/Atlantis/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(errorOf({ DATABASE_URL: 'mysql://u@db/yosan' }).message).toContain('DATABASE_URL');
    expect(errorOf({ SMTP_URL: 'http://mail.example' }).message).toContain('SMTP_URL');
  });

  it('refuses a certificate without its key and the other way round', () => {
    expect(errorOf({ YOSAN_TLS_CERT_FILE: '/etc/yosan/cert.pem' }).message).toContain('YOSAN_TLS_KEY_FILE');
    expect(errorOf({ YOSAN_TLS_KEY_FILE: '/etc/yosan/key.pem' }).message).toContain('YOSAN_TLS_CERT_FILE');
  });

  it('refuses an unknown key in the config file', () => {
    const file = configFile('unknown.json', JSON.stringify({ YOSAN_HTTPS_PORT: 9443, YOSAN_PORT: 1 }));
    expect(errorOf({}, file).message).toMatch(/unknown setting "YOSAN_PORT"/);
  });

  it('refuses an unreadable config file', () => {
    const missing = path.join(dir, 'missing.json');
    expect(errorOf({}, missing).message).toContain(missing);
    expect(errorOf({ YOSAN_CONFIG: missing }).message).toContain('cannot be read');
  });

  it('refuses a config file that is not a JSON object', () => {
    expect(errorOf({}, configFile('bad.json', '{ "YOSAN_HTTPS_PORT": ')).message).toContain('not a JSON');
    expect(errorOf({}, configFile('array.json', '[1, 2]')).message).toContain('not a JSON');
  });

  it('reports an invalid value from the config file like one from the environment', () => {
    const file = configFile('badport.json', JSON.stringify({ YOSAN_HTTPS_PORT: 'x' }));
    expect(errorOf({}, file).message).toContain('YOSAN_HTTPS_PORT');
  });
});
