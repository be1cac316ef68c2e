import type { FastifyReply, FastifyRequest } from 'fastify';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { isApiPath } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { errorBody } from '../../platform/server/error-handler.js';
import { formatForPeople } from '../../platform/time/zoned.js';
import { activeWindow } from './service.js';
import type { MaintenanceWindowTable } from './tables.js';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The ja/en notice page shown instead of the app during a window (no script, no outside resources). */
export function noticePage(w: MaintenanceWindowTable, locale: Locale, timeZone: string): string {
  const until = formatForPeople(w.ends_at, timeZone);
  const notice = locale === 'ja' ? w.notice_ja : w.notice_en;
  const t = (key: 'title' | 'heading') => escape(translate(locale, `ops.maintenancePage.${key}`));
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t('title')} — Yosan</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.5rem}.until{font-weight:600}</style>
</head><body><main>
<h1 data-testid="maintenance-heading">${t('heading')}</h1>
<p class="until">${escape(translate(locale, 'ops.maintenancePage.until', { until }))}</p>
<p data-testid="maintenance-notice">${escape(notice).replace(/\n/g, '<br>')}</p>
</main></body></html>`;
}

/**
 * During a maintenance window every tenant request (`/t/...`: web pages and API) is answered
 * 503 with `Retry-After` (seconds to the planned end) and a ja/en notice; `/healthz`, the
 * operator console and its API keep working, so an operator can end the window early.
 */
export function maintenanceGate(deps: AppDeps) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (!req.url.startsWith('/t/')) return;
    const now = deps.clock();
    const w = await activeWindow(deps.storage.control.kysely, now);
    if (!w) return;
    const seconds = Math.max(1, Math.ceil((Date.parse(w.ends_at) - now.getTime()) / 1000));
    void reply.code(503).header('retry-after', String(seconds)).header('cache-control', 'no-store');
    if (isApiPath(req.url)) {
      const until = formatForPeople(w.ends_at, deps.config.timeZone);
      await reply.send(errorBody(req.locale, 'MAINTENANCE_IN_PROGRESS', { until }));
    } else {
      await reply.type('text/html; charset=utf-8').send(noticePage(w, req.locale, deps.config.timeZone));
    }
    return reply;
  };
}
