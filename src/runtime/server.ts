import type http from 'node:http';
import { registerModules } from '../modules/index.js';
import { warmCubes } from '../modules/model/warm.js';
import { ensureSetupLink } from '../modules/operators/service.js';
import type { Config } from '../platform/config/config.js';
import { buildApp, type App } from '../platform/server/app.js';
import { createRedirectServer } from '../platform/server/http-redirect.js';
import { loadTls } from '../platform/server/tls.js';
import { bootstrap, type BootstrapOptions, type Runtime } from './bootstrap.js';

export interface RunningServer {
  app: App;
  runtime: Runtime;
  httpsPort: number;
  httpPort: number | undefined;
  setupUrl: string | undefined;
  stop(): Promise<void>;
}

export interface StartOptions extends Omit<BootstrapOptions, 'config' | 'tls'> {
  config: Config;
  webDir?: string;
  /** Where the one-time setup URL is announced (default: stdout, never the log). */
  announce?: (text: string) => void;
}

/** `yosan serve`: HTTPS on the configured port, the HTTP redirect, the setup link. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config } = options;
  const tls = await loadTls({
    dataDir: config.dataDir,
    certFile: config.tlsCertFile,
    keyFile: config.tlsKeyFile,
  });
  const runtime = await bootstrap({ ...options, tls });
  const { deps } = runtime;
  let app: App;
  let redirect: http.Server | undefined;
  try {
    app = await buildApp({ deps, registerModules, ...(options.webDir ? { webDir: options.webDir } : {}) });
    await app.listen({ port: config.httpsPort, host: config.host });
    if (config.httpPort !== 0) {
      const server = createRedirectServer(config.publicUrl);
      redirect = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.httpPort, config.host, () => resolve());
      });
    }
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const address = app.server.address();
  const httpsPort = typeof address === 'object' && address ? address.port : config.httpsPort;
  const redirectAddress = redirect?.address();
  const httpPort = typeof redirectAddress === 'object' && redirectAddress ? redirectAddress.port : undefined;
  deps.logger.info(
    { httpsPort, httpPort, tls: deps.tls?.source, database: deps.storage.dialect },
    'Yosan is listening',
  );

  const setupUrl = await ensureSetupLink(deps);
  if (setupUrl) {
    const announce = options.announce ?? ((text: string) => process.stdout.write(text));
    announce(
      `\n  Yosan first-run setup / 初期設定:\n  Open this one-time link to create the first operator (valid 7 days):\n  次のワンタイムリンクを開いて最初のオペレーターを登録してください（7 日間有効）:\n\n  ${setupUrl}\n\n`,
    );
  }
  let stopped = false;
  const warming = config.warmCubes
    ? warmCubes(deps, () => stopped).catch((error: unknown) => {
        deps.logger.warn({ err: error instanceof Error ? error.name : 'unknown' }, 'Cube warm-up stopped');
      })
    : undefined;
  return {
    app,
    runtime,
    httpsPort,
    httpPort,
    setupUrl,
    async stop() {
      if (stopped) return;
      stopped = true;
      await warming;
      if (redirect) await new Promise<void>((resolve) => redirect.close(() => resolve()));
      await app.close();
      await runtime.close();
    },
  };
}
