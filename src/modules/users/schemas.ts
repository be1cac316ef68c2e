import { Type, type Static } from 'typebox';
import { DisplayName, Email, LocaleSchema } from '../shared-schemas.js';

export const UserState = Type.Union([
  Type.Literal('invited'),
  Type.Literal('active'),
  Type.Literal('locked'),
]);
export type UserState = Static<typeof UserState>;

export const GroupRef = Type.Object({ id: Type.String(), name: Type.String() });

export const UserAdminView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  locale: LocaleSchema,
  isOrgAdmin: Type.Boolean(),
  state: UserState,
  groups: Type.Array(GroupRef),
  createdAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
  totpEnabled: Type.Boolean(),
});
export type UserAdminView = Static<typeof UserAdminView>;

export const SlugParams = Type.Object({ slug: Type.String({ maxLength: 64 }) });
export const UserParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const BatchParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  batchId: Type.String({ maxLength: 64 }),
});

export const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 254 })),
    group: Type.Optional(Type.String({ maxLength: 64 })),
    role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('member')])),
    state: Type.Optional(UserState),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuery>;

export const UserPage = Type.Object({
  items: Type.Array(UserAdminView),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const CreateUserBody = Type.Object(
  {
    email: Email,
    displayName: DisplayName,
    locale: LocaleSchema,
    groupIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }),
    isOrgAdmin: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  { displayName: Type.Optional(DisplayName), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
);
export type UpdateUserBody = Static<typeof UpdateUserBody>;

export const RoleBody = Type.Object({ isOrgAdmin: Type.Boolean() }, { additionalProperties: false });

export const UserResponse = Type.Object({ user: UserAdminView });

export const LangQuery = Type.Object(
  { lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])) },
  { additionalProperties: false },
);

export const ImportRow = Type.Object({
  row: Type.Integer({ description: '1-based data row; the header is row 0' }),
  email: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  outcome: Type.Union([Type.Literal('new'), Type.Literal('unchanged'), Type.Literal('error')]),
  errors: Type.Array(Type.Object({ column: Type.String(), code: Type.String(), message: Type.String() })),
});
export type ImportRow = Static<typeof ImportRow>;

export const DryRunResponse = Type.Object({
  encoding: Type.String({ description: 'utf-8-bom | utf-8 | shift_jis' }),
  rows: Type.Array(ImportRow),
  summary: Type.Object({
    total: Type.Integer(),
    new: Type.Integer(),
    unchanged: Type.Integer(),
    error: Type.Integer(),
  }),
});
export type DryRunResponse = Static<typeof DryRunResponse>;

export const ImportResponse = Type.Object({ batchId: Type.String(), created: Type.Integer() });

export const ImportProgress = Type.Object({
  batchId: Type.String(),
  total: Type.Integer(),
  sent: Type.Integer(),
  pending: Type.Integer(),
  failed: Type.Integer(),
});
export type ImportProgress = Static<typeof ImportProgress>;
