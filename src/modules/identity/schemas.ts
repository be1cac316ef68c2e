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

/** The password step: a user (signed in), or the second step to take with `mfaToken`. */
export const SignInResponse = Type.Object({
  user: Type.Optional(UserView),
  mfaRequired: Type.Optional(Type.Literal(true)),
  enrolmentRequired: Type.Optional(Type.Literal(true)),
  mfaToken: Type.Optional(Type.String()),
});

const MfaToken = Type.String({ minLength: 1, maxLength: 200 });
const TotpCode = Type.String({ minLength: 1, maxLength: 20 });

export const TotpSignInBody = Type.Object(
  {
    mfaToken: MfaToken,
    code: Type.Optional(TotpCode),
    recoveryCode: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  },
  { additionalProperties: false },
);
export type TotpSignInBody = Static<typeof TotpSignInBody>;

export const MfaTokenBody = Type.Object({ mfaToken: MfaToken }, { additionalProperties: false });
export const EnrolAtSignInBody = Type.Object(
  { mfaToken: MfaToken, code: TotpCode },
  { additionalProperties: false },
);

/** What an authenticator app needs (the secret is shown only while setting up). */
export const TotpSetup = Type.Object({
  secret: Type.String(),
  otpauthUrl: Type.String(),
  qrSvg: Type.String(),
});
export const EnrolAtSignInResponse = Type.Object({
  user: UserView,
  recoveryCodes: Type.Array(Type.String()),
});

export const ForgotPasswordBody = Type.Object(
  { email: Type.String({ maxLength: 254 }) },
  { additionalProperties: false },
);
export const ResetPasswordBody = Type.Object(
  { token: OneTimeToken, password: Password },
  { additionalProperties: false },
);
export const EmailResponse = Type.Object({ email: Type.String() });
