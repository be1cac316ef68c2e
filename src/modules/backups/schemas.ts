import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const KindStatusView = Type.Object({
  kind: Type.String(),
  location: Type.String(),
  generations: Type.Number(),
  lastAt: Nullable(Type.String()),
  lastFailureAt: Nullable(Type.String()),
});

export const BackupStatusView = Type.Object({
  engine: Type.String(),
  kinds: Type.Array(KindStatusView),
  replicaAgeSeconds: Type.Union([Type.Number(), Type.Null()]),
  lastDrill: Type.Union([
    Type.Object({
      at: Type.String(),
      ok: Type.Boolean(),
      kinds: Type.Array(Type.Object({ kind: Type.String(), ok: Type.Boolean() })),
    }),
    Type.Null(),
  ]),
  keyExists: Type.Boolean(),
});

export const OperatorBackupsView = Type.Object({
  scopes: Type.Array(
    Type.Object({
      scope: Type.String(),
      label: Type.String(),
      status: BackupStatusView,
      /** Problems of the last drill, per kind (operators only). */
      drillProblems: Type.Array(Type.Object({ kind: Type.String(), problems: Type.Array(Type.String()) })),
    }),
  ),
});

export const BackupActionBody = Type.Object(
  { tenantId: Type.Optional(Type.String({ pattern: '^[a-z0-9]{32}$' })) },
  { additionalProperties: false },
);
export const JobAccepted = Type.Object({ jobId: Type.String() });
