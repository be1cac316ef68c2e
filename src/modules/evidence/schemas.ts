import { Type, type Static } from 'typebox';
import { IsoDate } from '../shared-schemas.js';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const Common = {
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
  user: Type.Optional(Text(64)),
  cursor: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

export const AuditQuery = Type.Object(
  {
    ...Common,
    action: Type.Optional(Text(100)),
    targetType: Type.Optional(Text(64)),
    targetId: Type.Optional(Text(64)),
    target: Type.Optional(Text(100)),
    result: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure')])),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AccessQuery = Type.Object(
  {
    ...Common,
    method: Type.Optional(Type.Union(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => Type.Literal(m)))),
    route: Type.Optional(Text(300)),
    status: Type.Optional(Type.Integer({ minimum: 100, maximum: 599 })),
  },
  { additionalProperties: false },
);
export type AccessQuery = Static<typeof AccessQuery>;

export const ErrorQuery = Type.Object(
  { ...Common, refId: Type.Optional(Text(64)), code: Type.Optional(Text(64)) },
  { additionalProperties: false },
);
export type ErrorQuery = Static<typeof ErrorQuery>;

export const ExportFormat = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('jsonl')])),
});

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const UserRef = Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) }));

export const AuditEntryView = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String({ description: 'ISO 8601 in the tenant time zone' }),
  kind: Type.String(),
  actor: Type.Object({ type: Type.String(), id: Nullable(Type.String()), name: Nullable(Type.String()) }),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
  action: Type.String(),
  target: Nullable(
    Type.Object({ type: Type.String(), id: Nullable(Type.String()), label: Nullable(Type.String()) }),
  ),
  summary: Type.Unknown(),
  result: Type.String(),
  hash: Type.String(),
});
export type AuditEntryView = Static<typeof AuditEntryView>;

export const AccessEntryView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  refId: Type.String(),
  user: UserRef,
  method: Type.String(),
  route: Type.String(),
  status: Type.Integer(),
  durationMs: Type.Integer(),
  ip: Nullable(Type.String()),
  userAgent: Nullable(Type.String()),
});
export type AccessEntryView = Static<typeof AccessEntryView>;

export const ErrorEntryView = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  refId: Type.String(),
  code: Type.String(),
  status: Type.Integer(),
  description: Type.String(),
  method: Type.String(),
  route: Type.String(),
  user: UserRef,
});
export type ErrorEntryView = Static<typeof ErrorEntryView>;

const Page = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Nullable(Type.Integer()),
    timeZone: Type.String(),
  });
export const AuditPage = Page(AuditEntryView);
export const AccessPage = Page(AccessEntryView);
export const ErrorPage = Page(ErrorEntryView);

const Failure = Type.Object({
  seq: Type.Integer(),
  id: Nullable(Type.String()),
  problem: Type.String(),
  checkpointId: Type.Optional(Type.String()),
});

export const VerificationReport = Type.Object({
  report: Type.Object({
    tenant: Type.Object({ id: Type.String(), slug: Type.String(), name: Type.String() }),
    verifiedAt: Type.String(),
    result: Type.Union([Type.Literal('valid'), Type.Literal('invalid')]),
    entriesChecked: Type.Integer(),
    head: Type.Object({ seq: Type.Integer(), hash: Type.String() }),
    checkpointsChecked: Type.Integer(),
    firstFailure: Nullable(Failure),
  }),
  algorithm: Type.Literal('Ed25519'),
  signature: Type.String({ description: 'base64 Ed25519 signature over the canonical JSON of `report`' }),
  publicKeyFingerprint: Type.String({ description: 'SHA-256 (hex) of the public key (SPKI DER)' }),
  publicKey: Type.String({ description: 'PEM (SPKI)' }),
});
export type VerificationReport = Static<typeof VerificationReport>;
