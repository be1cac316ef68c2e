import { Type, type Static } from 'typebox';
import { DisplayName, Email, LocaleSchema, OneTimeToken, Password } from '../shared-schemas.js';

export const OperatorView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  locale: LocaleSchema,
});
export type OperatorView = Static<typeof OperatorView>;

export const SetupStatus = Type.Object({ needed: Type.Boolean() });

export const SetupBody = Type.Object(
  { token: OneTimeToken, email: Email, displayName: DisplayName, password: Password, locale: LocaleSchema },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;

export const SetPasswordBody = Type.Object(
  { token: OneTimeToken, password: Password },
  { additionalProperties: false },
);
export type SetPasswordBody = Static<typeof SetPasswordBody>;

export const SignInBody = Type.Object(
  { email: Type.String({ maxLength: 254 }), password: Password },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const OperatorResponse = Type.Object({ operator: OperatorView });
