import type { App } from '../../platform/server/app.js';
import { operatorActor, type AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { OperatorTermsResponse, PublishTermsBody, TermsResponse } from './schemas.js';
import { currentTerms, presentTerms, publishTerms, termsHistory } from './service.js';

/** Terms of service (§20): public to read (linked from every page's footer), set by operators. */
export function termsRoutes(app: App, deps: AppDeps): void {
  const tags = ['terms'];
  const zone = deps.config.timeZone;

  app.get(
    '/api/terms',
    { config: { auth: 'public' }, schema: { tags, response: { 200: TermsResponse, ...errorResponses } } },
    async () => ({ terms: presentTerms(await currentTerms(deps), zone) }),
  );

  app.get(
    '/api/operator/terms',
    {
      config: { auth: 'operator' },
      schema: { tags, response: { 200: OperatorTermsResponse, ...errorResponses } },
    },
    async () => {
      const history = await termsHistory(deps);
      return {
        terms: history[0] ? presentTerms(history[0], zone) : null,
        history: history.map((t) => ({
          revision: Number(t.revision),
          effectiveOn: t.effective_on,
          publishedAt: formatInZone(t.published_at, zone),
        })),
      };
    },
  );

  app.put(
    '/api/operator/terms',
    {
      config: { auth: 'operator' },
      schema: { tags, body: PublishTermsBody, response: { 200: TermsResponse, ...errorResponses } },
    },
    async (req) => ({
      terms: presentTerms(await publishTerms(deps, req.body, operatorActor(req, req.operator!)), zone),
    }),
  );
}
