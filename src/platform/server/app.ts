import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { newRefId } from '../crypto/tokens.js';
import { AppError } from '../errors/app-error.js';
import { DEFAULT_LOCALE, isLocale, localeFromAcceptLanguage } from '../i18n/locale.js';
import { refuseNulInBody, refuseNulInUrl } from './nul-guard.js';
import type { AppDeps, RouteInfo } from './context.js';
import { AccessLogWriter } from './access-log.js';
import { authHook } from './auth-hook.js';
import { checkCsrf } from './csrf.js';
import { errorBody, handleError } from './error-handler.js';
import { RejectionEvidence } from './rejections.js';
import { TLS_PROFILE } from './tls.js';
import { installRateLimits } from './rate-limits.js';

export type App = FastifyInstance<
  HttpsServer,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** API paths: `/api/...` and `/t/<slug>/api/...`. Everything else is the web app. */
export function isApiPath(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || /^\/t\/[^/]+\/api(\/|$|\?)/.test(url);
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: [],
};

export interface BuildAppOptions {
  deps: AppDeps;
  /** Registers the domain modules' routes. */
  registerModules: (app: App, deps: AppDeps) => Promise<void>;
  /** Folder of the built web app (default dist/web). */
  webDir?: string;
}

/** Builds the HTTPS app: security plumbing, error handling, modules, web app. */
export async function buildApp({ deps, registerModules, webDir }: BuildAppOptions): Promise<App> {
  const { config, logger, tls } = deps;
  const app = Fastify({
    loggerInstance: logger,
    genReqId: () => newRefId(),
    trustProxy: config.trustProxy,
    // One line per request at `info` (written at onResponse below), not fastify's two (issue 21 point 15).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    https: tls ? { key: tls.key, cert: tls.cert, ...TLS_PROFILE } : null,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array' } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('operator', undefined);
  app.decorateRequest('tenantCtx', undefined);
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionToken', undefined);

  // Every route must say who may call it; the table is kept for the isolation tests.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    // The API docs and the web app's static files are public by nature.
    if (route.url.startsWith('/api/docs') || route.url === '/*') {
      route.config = { ...(route.config ?? {}), auth: 'public' };
    }
    const auth = route.config?.auth;
    if (!auth) {
      throw new Error(
        `Route ${route.method.toString()} ${route.url} does not state its authorisation (config.auth)`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, auth, schema: route.schema });
    }
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: { directives: CSP },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (req) => {
    const lang = req.headers['x-yosan-lang'];
    req.locale =
      (typeof lang === 'string' && isLocale(lang)
        ? lang
        : localeFromAcceptLanguage(req.headers['accept-language'])) ?? DEFAULT_LOCALE;
    refuseNulInUrl(req.url);
  });
  // Per user and tenant when signed in, per address when not (after the locale: 429s are in it).
  await installRateLimits(app, deps, isApiPath);
  const allowedOrigins = new Set([new URL(config.publicUrl).origin]);
  app.addHook('preValidation', async (req) => {
    if (isApiPath(req.url)) checkCsrf(deps.secret, allowedOrigins, req);
  });
  app.addHook('preValidation', authHook(deps));
  // After validation: a field's own rule (single-line names refuse NUL too) answers first.
  app.addHook('preHandler', async (req) => refuseNulInBody(req.body));
  app.addHook('onSend', async (req, reply, payload) => {
    if (isApiPath(req.url)) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });

  app.setErrorHandler(handleError);

  // The tenant's access log (and error log): every request made in a tenant's context.
  const accessLog = new AccessLogWriter({ logger, clock: deps.clock });
  app.decorate('accessLog', accessLog);
  app.addHook('onRequest', async (req) => {
    req.log.debug({ req }, 'incoming request');
  });
  app.addHook('onResponse', async (req, reply) => {
    // `req` goes through the logger's serializer: the query's values are redacted.
    req.log.info({ req, res: reply, ms: Math.round(reply.elapsedTime) }, 'request');
  });
  // Requests refused before their tenant was resolved go to the logs of the tenant their URL names.
  const rejections = new RejectionEvidence(deps.storage, deps.clock, logger);
  app.addHook('onResponse', async (req, reply) => {
    const ctx = await rejections.contextOf(req, reply.statusCode);
    if (!ctx) return;
    accessLog.record(req, reply.statusCode, reply.elapsedTime, ctx);
    await rejections.noteSignInThrottle(req, reply.statusCode, ctx);
  });
  app.addHook('onClose', async () => {
    await accessLog.flush();
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Yosan API', version: deps.version, description: 'Budget-planning service API' },
      components: {
        securitySchemes: {
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await registerModules(app, deps);

  const dir = webDir ?? path.resolve('dist/web');
  const hasWeb = existsSync(path.join(dir, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: true, index: false, maxAge: '1h' });
    // The landing page: `/` is a folder to the static plugin, so it is served explicitly.
    app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, (_req, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !isApiPath(req.url) && hasWeb) {
      void reply.header('cache-control', 'no-cache').sendFile('index.html');
      return;
    }
    void reply.code(404).send(errorBody(req.locale, 'NOT_FOUND'));
  });
  return app;
}

export function notFound(): AppError {
  return new AppError('NOT_FOUND');
}
