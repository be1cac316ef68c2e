import { Type, type Static } from 'typebox';
import { Password } from '../shared-schemas.js';
import { PreviousSignIn, UserView } from '../identity/schemas.js';

export const SessionIdParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});

export const SignInEvent = Type.Object({
  at: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
});
export type SignInEvent = Static<typeof SignInEvent>;

export const SessionView = Type.Object({
  id: Type.String({ description: 'Opaque id of the session (not its token).' }),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});
export type SessionView = Static<typeof SessionView>;

export const MeUser = Type.Object({
  ...UserView.properties,
  totpEnabled: Type.Boolean(),
  totpRequired: Type.Boolean({
    description: "The tenant's policy requires two-step verification of this user.",
  }),
});
export type MeUser = Static<typeof MeUser>;

export const MeResponse = Type.Object({
  user: MeUser,
  previousSignIn: PreviousSignIn,
  recentSignIns: Type.Array(SignInEvent),
  sessions: Type.Array(SessionView),
});

export const ChangePasswordBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const TotpCodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 20 }) },
  { additionalProperties: false },
);
export const PasswordBody = Type.Object({ password: Password }, { additionalProperties: false });
export const RecoveryCodesResponse = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const Require2fa = Type.Union([
  Type.Literal('none'),
  Type.Literal('admins'),
  Type.Literal('everyone'),
]);
export const SecurityPolicy = Type.Object({ require2fa: Require2fa }, { additionalProperties: false });
