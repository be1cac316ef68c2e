import { Type, type Static } from 'typebox';
import { DisplayName, Email, IsoDate, LocaleSchema } from '../shared-schemas.js';

export const TenantStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('suspended'),
  Type.Literal('closed'),
]);

export const TenantView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  displayName: Type.String(),
  status: TenantStatus,
  contractStart: Type.String(),
  contractEnd: Type.String(),
  region: Type.String(),
  timeZone: Type.String(),
  firstAdminEmail: Type.String(),
  createdAt: Type.String({ description: 'ISO 8601 in the installation time zone' }),
  url: Type.String(),
});
export type TenantView = Static<typeof TenantView>;

export const CreateTenantBody = Type.Object(
  {
    slug: Type.String({ minLength: 1, maxLength: 100 }),
    displayName: DisplayName,
    contractStart: IsoDate,
    contractEnd: IsoDate,
    region: Type.String({ minLength: 1, maxLength: 100 }),
    firstAdminEmail: Email,
    firstAdminLocale: Type.Optional(LocaleSchema),
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CreateTenantBody = Static<typeof CreateTenantBody>;

export const TenantParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const TenantResponse = Type.Object({ tenant: TenantView });
export const TenantListResponse = Type.Object({ items: Type.Array(TenantView) });
