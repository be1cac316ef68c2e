import { Type, type Static } from 'typebox';
import { appendAudit, type Actor } from '../../platform/audit/audit-log.js';
import type { Kysely, Transaction } from 'kysely';
import type { TenantDB } from '../../platform/db/types.js';
import { inTransaction } from '../../platform/db/unit-of-work.js';
import type { App } from '../../platform/server/app.js';
import { userActor, type AppDeps, type TenantContext } from '../../platform/server/context.js';
import { errorResponses } from '../shared-schemas.js';
import { SlugParams } from '../users/schemas.js';
import { MODEL_BASE } from './catalogue-routes.js';
import { NumberFormat } from './definitions.js';
import { normaliseFormat } from './form-validate.js';
import { DEFAULT_NUMBER_FORMAT } from './number-format.js';

/**
 * The tenant's default number format (issue 18 point 2): unit, decimals, rounding and negative
 * style of every form without a format of its own. Kept in the tenant's `settings` table as JSON;
 * without one, the built-in default (千円, no decimals, half up, minus) applies.
 */
const KEY = 'model.number_format';

export const NumberFormatSetting = Type.Object(
  {
    format: NumberFormat,
    /** True when the tenant has not set one: `format` is the built-in default. */
    builtIn: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type NumberFormatSetting = Static<typeof NumberFormatSetting>;

export const NumberFormatBody = Type.Object({ format: NumberFormat }, { additionalProperties: false });

type Db = Kysely<TenantDB> | Transaction<TenantDB>;

async function stored(db: Db): Promise<NumberFormat | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return null;
  try {
    return normaliseFormat(JSON.parse(row.value) as NumberFormat);
  } catch {
    return null;
  }
}

/** The tenant's default number format (the built-in one when none is set). */
export async function tenantNumberFormat(db: Db): Promise<NumberFormatSetting> {
  const f = await stored(db);
  return f ? { format: f, builtIn: false } : { format: DEFAULT_NUMBER_FORMAT, builtIn: true };
}

/** The format a form is shown in: its own, else the tenant's default. */
export async function effectiveFormat(db: Db, own: NumberFormat | undefined): Promise<NumberFormat> {
  return own ?? (await tenantNumberFormat(db)).format;
}

/** Sets the tenant's default, audited (`model.number_format.update`) in the same transaction. */
export async function setTenantNumberFormat(
  deps: AppDeps,
  ctx: TenantContext,
  input: NumberFormat,
  actor: Actor,
): Promise<NumberFormatSetting> {
  const format = normaliseFormat(input);
  const value = JSON.stringify(format);
  await inTransaction(ctx.db, async (tx) => {
    const before = await stored(tx.db);
    await tx.db
      .insertInto('settings')
      .values({ key: KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        kind: 'operation',
        action: 'model.number_format.update',
        target: { type: 'tenant', id: ctx.tenant.id, label: ctx.tenant.slug },
        summary: { before: before ?? 'built-in', after: format },
      },
      deps.clock,
    );
  });
  return { format, builtIn: false };
}

/** `GET`/`PUT /t/:slug/api/model/number-format` (org admins, as the other model settings). */
export function numberFormatRoutes(app: App, deps: AppDeps): void {
  const tags = ['model'];
  const auth = 'tenant-admin' as const;
  const url = `${MODEL_BASE}/number-format`;

  app.get(
    url,
    {
      config: { auth },
      schema: { tags, params: SlugParams, response: { 200: NumberFormatSetting, ...errorResponses } },
    },
    async (req) => tenantNumberFormat(req.tenantCtx!.db.kysely),
  );

  app.put(
    url,
    {
      config: { auth },
      schema: {
        tags,
        params: SlugParams,
        body: NumberFormatBody,
        response: { 200: NumberFormatSetting, ...errorResponses },
      },
    },
    async (req) => setTenantNumberFormat(deps, req.tenantCtx!, req.body.format, userActor(req, req.user!)),
  );
}
