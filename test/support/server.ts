import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/platform/config/config.js';
import { startServer, type RunningServer } from '../../src/runtime/server.js';
import { HttpsClient } from './https-client.js';
import { LogCapture } from './log-capture.js';
import { freePort } from './ports.js';
import { createTestDatabase, usePostgres } from './postgres.js';

export interface TestServer {
  url: string;
  setupUrl: string | undefined;
  outboxDir: string;
  dataDir: string;
  config: Config;
  server: RunningServer;
  logs: LogCapture;
  /** A new HTTPS client that trusts this server's certificate (and only it). */
  client(): HttpsClient;
  stop(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** Keep the data folder / database after stop (for restart tests). */
  keep?: boolean;
  databaseUrl?: string;
  clock?: () => Date;
  backoffMs?: (attempt: number) => number;
  workerPollMs?: number;
  /** Start the wall-clock schedules (default true); off where a test counts what jobs made. */
  schedules?: boolean;
}

/**
 * Starts the real Yosan server (HTTPS, self-signed certificate, real SQLite or
 * PostgreSQL per YOSAN_TEST_DB) on free ports with a temporary data folder.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'yosan-test-'));
  const httpsPort = await freePort();
  let databaseUrl = options.databaseUrl;
  let drop: (() => Promise<void>) | undefined;
  if (!databaseUrl && usePostgres()) {
    const db = await createTestDatabase();
    databaseUrl = db.url;
    drop = db.drop;
  }
  const config = loadConfig({
    env: {
      YOSAN_DATA_DIR: dataDir,
      YOSAN_HOST: '127.0.0.1',
      YOSAN_HTTPS_PORT: String(httpsPort),
      YOSAN_HTTP_PORT: '0',
      YOSAN_LOG_LEVEL: 'info',
      // Off by default in tests (a suite asks for it): no background loads racing a test's writes.
      YOSAN_WARM_CUBES: '0',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      ...options.env,
    },
  });
  const logs = new LogCapture();
  const server = await startServer({
    config,
    logDestination: logs,
    announce: () => undefined,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    workerPollMs: options.workerPollMs ?? 100,
    ...(options.schedules === false ? { schedules: false } : {}),
  });
  const url = `https://localhost:${server.httpsPort}`;
  return {
    url,
    setupUrl: server.setupUrl,
    outboxDir: path.join(dataDir, 'outbox'),
    dataDir,
    config,
    server,
    logs,
    client: () => new HttpsClient(url, server.runtime.deps.tls!.cert),
    async stop() {
      await server.stop();
      if (!options.keep) {
        await drop?.();
        if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
