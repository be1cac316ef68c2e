import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors/app-error.js';
import type { App } from '../../platform/server/app.js';
import type { AppDeps, RouteAuth } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import {
  HandbookQuery,
  HandbookSearchQuery,
  PageParams,
  PageResponse,
  ScreenshotParams,
  SearchResponse,
  TenantOnlyParams,
  TocResponse,
} from './schemas.js';
import {
  handbook,
  readPage,
  screenshotAllowed,
  searchHandbook,
  tableOfContents,
  type Reader,
} from './service.js';

interface Console {
  /** API base of the Handbook, e.g. `/t/:slug/api/handbook`. */
  api: string;
  auth: RouteAuth;
  reader: (req: FastifyRequest) => Reader;
  /** SPA base of the pages and API base of screenshots, for this request. */
  bases: (req: FastifyRequest) => { spa: string; api: string };
}

const CONSOLES: Console[] = [
  {
    api: '/t/:slug/api/handbook',
    auth: 'tenant-user',
    reader: (req) => ({ kind: 'user', isOrgAdmin: req.user!.is_org_admin === 1 }),
    bases: (req) => {
      const slug = req.tenantCtx!.tenant.slug;
      return { spa: `/t/${slug}/handbook`, api: `/t/${slug}/api/handbook` };
    },
  },
  {
    api: '/api/operator/handbook',
    auth: 'operator',
    reader: () => ({ kind: 'operator' }),
    bases: () => ({ spa: '/operator/handbook', api: '/api/operator/handbook' }),
  },
];

/**
 * The Handbook (§6) for signed-in tenant users (their audience: everyone, or also org admins)
 * and for operators (every page): table of contents, rendered pages, search, screenshots.
 */
export function handbookRoutes(app: App, _deps: AppDeps): void {
  const tags = ['handbook'];
  for (const c of CONSOLES) {
    const config = { auth: c.auth };
    app.get(
      c.api,
      {
        config,
        schema: {
          tags,
          params: TenantOnlyParams,
          querystring: HandbookQuery,
          response: { 200: TocResponse, ...errorResponses },
        },
      },
      async (req) => ({ lang: req.query.lang, pages: tableOfContents(c.reader(req), req.query.lang) }),
    );

    app.get(
      `${c.api}/search`,
      {
        config,
        schema: {
          tags,
          params: TenantOnlyParams,
          querystring: HandbookSearchQuery,
          response: { 200: SearchResponse, ...errorResponses },
        },
      },
      async (req) => ({
        lang: req.query.lang,
        q: req.query.q,
        results: searchHandbook(c.reader(req), req.query.lang, req.query.q),
      }),
    );

    app.get(
      `${c.api}/pages/:lang/:page`,
      { config, schema: { tags, params: PageParams, response: { 200: PageResponse, ...errorResponses } } },
      async (req) => {
        const { lang } = req.params;
        const b = c.bases(req);
        const { page, html } = readPage(c.reader(req), lang, req.params.page, {
          pages: `${b.spa}/${lang}`,
          screenshots: `${b.api}/screenshots`,
        });
        return { id: page.id, lang, title: page.title, audience: page.audience, html };
      },
    );

    app.get(
      `${c.api}/screenshots/:file`,
      {
        config,
        schema: { tags, params: ScreenshotParams, response: { 200: Type.Unknown(), ...errorResponses } },
      },
      async (req, reply) => {
        const { file } = req.params;
        if (!screenshotAllowed(c.reader(req), file)) throw new AppError('HANDBOOK_PAGE_NOT_FOUND');
        const bytes = await readFile(path.join(handbook().dir, 'screenshots', file)).catch(() => {
          throw new AppError('HANDBOOK_PAGE_NOT_FOUND');
        });
        return reply
          .header('content-type', 'image/png')
          .header('cache-control', 'private, max-age=3600')
          .send(bytes);
      },
    );
  }
}
