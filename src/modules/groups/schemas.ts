import { Type, type Static } from 'typebox';
import { SingleLine } from '../shared-schemas.js';
import { UserAdminView } from '../users/schemas.js';

export const GroupView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  memberCount: Type.Integer(),
  createdAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
});
export type GroupView = Static<typeof GroupView>;

export const GroupName = SingleLine({ minLength: 1, maxLength: 100, notBlank: true });
export const GroupDescription = Type.String({ maxLength: 1000 });

export const GroupParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const GroupListQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 100 })) },
  { additionalProperties: false },
);
export const CreateGroupBody = Type.Object(
  { name: GroupName, description: GroupDescription },
  { additionalProperties: false },
);
export type CreateGroupBody = Static<typeof CreateGroupBody>;
export const UpdateGroupBody = Type.Object(
  { name: Type.Optional(GroupName), description: Type.Optional(GroupDescription) },
  { additionalProperties: false },
);
export type UpdateGroupBody = Static<typeof UpdateGroupBody>;
export const MembersBody = Type.Object(
  { userIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 10_000 }) },
  { additionalProperties: false },
);

export const GroupResponse = Type.Object({ group: GroupView });
export const GroupListResponse = Type.Object({ items: Type.Array(GroupView) });
export const GroupDetailResponse = Type.Object({ group: GroupView, members: Type.Array(UserAdminView) });
export const GroupImportResponse = Type.Object({ created: Type.Integer() });
