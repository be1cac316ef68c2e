import { Type } from 'typebox';
import { checkpointDb } from '../../platform/audit/evidence-tables.js';
import { signingKey } from '../../platform/audit/signing.js';
import type { App } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { clockStatus } from '../../platform/time/clock-sync.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';

const Probe = Type.Object({
  method: Type.String(),
  ok: Type.Boolean(),
  output: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});

export const OperatorStatus = Type.Object({
  time: Type.Object({
    serverTime: Type.String({ description: 'now, in the installation time zone' }),
    serverTimeUtc: Type.String(),
    timeZone: Type.String(),
    synchronised: Type.Union([Type.Literal('yes'), Type.Literal('no'), Type.Literal('unknown')]),
    source: Type.String(),
    probes: Type.Array(Probe),
  }),
  integrity: Type.Object({
    publicKeyFingerprint: Type.String(),
    lastCheckpointAt: Type.Union([Type.String(), Type.Null()]),
    checkpoints: Type.Integer(),
  }),
});

/** `GET /api/operator/status`: the clock (source, synchronised or not, what was read) and checkpoints. */
export function statusRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/operator/status',
    {
      config: { auth: 'operator' },
      schema: { tags: ['system'], response: { 200: OperatorStatus, ...errorResponses } },
    },
    async () => {
      const now = deps.clock();
      const clock = await clockStatus(now);
      const c = checkpointDb(deps.storage.control.kysely);
      const last = await c
        .selectFrom('audit_checkpoints')
        .select((eb) => [eb.fn.max('at').as('at'), eb.fn.countAll().as('n')])
        .executeTakeFirst();
      return {
        time: {
          serverTime: formatInZone(now, deps.config.timeZone),
          timeZone: deps.config.timeZone,
          ...clock,
        },
        integrity: {
          publicKeyFingerprint: signingKey(deps.config.dataDir).keyId,
          lastCheckpointAt: last?.at ? formatInZone(last.at, deps.config.timeZone) : null,
          checkpoints: Number(last?.n ?? 0),
        },
      };
    },
  );
}
