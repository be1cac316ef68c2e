import { Type } from 'typebox';

export const Meta = Type.Object({ name: Type.String(), version: Type.String() });
export const CsrfToken = Type.Object({ token: Type.String() });
export const Health = Type.Object({
  status: Type.String(),
  /** Present only while a maintenance window is in force (tenant requests then answer 503). */
  maintenance: Type.Optional(Type.Object({ active: Type.Boolean(), endsAt: Type.String() })),
});
export const Readiness = Type.Object({
  status: Type.Union([Type.Literal('ready'), Type.Literal('not-ready')]),
  checks: Type.Object({
    database: Type.Boolean(),
    controlMigrations: Type.Boolean(),
    tenantMigrations: Type.Boolean(),
  }),
});

export const JobView = Type.Object({
  id: Type.String(),
  type: Type.String(),
  tenantId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String(),
  attempts: Type.Number(),
  maxAttempts: Type.Number(),
  runAt: Type.String(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export const JobQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([
        Type.Literal('pending'),
        Type.Literal('running'),
        Type.Literal('done'),
        Type.Literal('failed'),
      ]),
    ),
  },
  { additionalProperties: false },
);
export const JobList = Type.Object({ items: Type.Array(JobView) });

export const OutboxItem = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  createdAt: Type.String(),
});
export const OutboxList = Type.Object({ enabled: Type.Boolean(), items: Type.Array(OutboxItem) });
export const OutboxMessage = Type.Object({
  id: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  createdAt: Type.String(),
  text: Type.String(),
});
export const OutboxParams = Type.Object({ id: Type.String({ maxLength: 100 }) });
