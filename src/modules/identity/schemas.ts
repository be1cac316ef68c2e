import { Type, type Static } from 'typebox';
import { LocaleSchema, OneTimeToken, Password } from '../shared-schemas.js';

export const TenantSlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });

export const TenantMeta = Type.Object({ slug: Type.String(), displayName: Type.String() });

export const PreviousSignIn = Type.Union([
  Type.Null(),
  Type.Object({
    at: Type.String(),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const UserView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  locale: LocaleSchema,
  isOrgAdmin: Type.Boolean(),
  previousSignIn: PreviousSignIn,
});
export type UserView = Static<typeof UserView>;
export const UserResponse = Type.Object({ user: UserView });

export const InvitationBody = Type.Object({ token: OneTimeToken }, { additionalProperties: false });
export type InvitationBody = Static<typeof InvitationBody>;
export const InvitationInfo = Type.Object({ email: Type.String(), displayName: Type.String() });

export const AcceptInvitationBody = Type.Object(
  { token: OneTimeToken, password: Password },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

export const UserSignInBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Password },
  { additionalProperties: false },
);
export type UserSignInBody = Static<typeof UserSignInBody>;
