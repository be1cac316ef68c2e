import { Type } from 'typebox';

const Status = Type.Union([
  Type.Literal('ok'),
  Type.Literal('warning'),
  Type.Literal('failed'),
  Type.Literal('unknown'),
]);

export const TrustResponse = Type.Object({
  tenant: Type.Object({ slug: Type.String(), name: Type.String() }),
  generatedAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
  sections: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      available: Type.Boolean({ description: 'false: no module provides these facts yet' }),
      notice: Type.Optional(Type.String()),
      facts: Type.Array(
        Type.Object({
          id: Type.String(),
          label: Type.String(),
          status: Status,
          kind: Type.Union([
            Type.Literal('text'),
            Type.Literal('datetime'),
            Type.Literal('date'),
            Type.Literal('code'),
          ]),
          value: Type.Union([Type.String(), Type.Null()]),
          display: Type.String(),
        }),
      ),
    }),
  ),
});

export const VerifyNowResponse = Type.Object({
  result: Type.Union([Type.Literal('valid'), Type.Literal('invalid')]),
  entriesChecked: Type.Integer(),
  verifiedAt: Type.String(),
});
