import { Type, type Static } from 'typebox';
import { Nullable, SingleLine } from '../shared-schemas.js';

/** Request/response schemas of the model catalogue (`/t/:slug/api/model/...`). */
export const ModelKindSchema = Type.Union([
  Type.Literal('dimension'),
  Type.Literal('cube'),
  Type.Literal('form'),
  Type.Literal('portal'),
]);
export const ObjectName = SingleLine({ minLength: 1, maxLength: 100, notBlank: true });
export const Category = SingleLine({ maxLength: 100 });
export const Description = Type.String({ maxLength: 1000 });
/** Codes: letters, digits, `_`, `-`, `.` (any script), no spaces, at most 64. */
export const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\p{L}\\p{N}_.\\-]+$' });

export const LocalName = Type.Object({ ja: Type.String(), en: Type.String() });

export const ModelObjectView = Type.Object({
  id: Type.String(),
  kind: ModelKindSchema,
  code: Type.String(),
  name: LocalName,
  /** The names as distributed (provider) or first given (tenant). */
  distributedName: LocalName,
  category: Type.String(),
  description: Type.String(),
  origin: Type.Union([Type.Literal('provider'), Type.Literal('tenant')]),
  /** True when the tenant renamed, re-categorised or re-described the object. */
  overridden: Type.Boolean(),
  owner: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  createdAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
  updatedAt: Type.String({ description: 'ISO 8601 in the tenant zone' }),
});
export type ModelObjectView = Static<typeof ModelObjectView>;

export const ObjectParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const ObjectListQuery = Type.Object(
  {
    kind: Type.Optional(ModelKindSchema),
    category: Type.Optional(Category),
    q: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type ObjectListQuery = Static<typeof ObjectListQuery>;

export const NewObjectFields = {
  code: Code,
  nameJa: ObjectName,
  nameEn: ObjectName,
  category: Type.Optional(Category),
  description: Type.Optional(Description),
};
export const CreateObjectBody = Type.Object(
  { kind: Type.Union([Type.Literal('form'), Type.Literal('portal')]), ...NewObjectFields },
  { additionalProperties: false },
);
export type CreateObjectBody = Static<typeof CreateObjectBody>;
export type NewObject = Omit<CreateObjectBody, 'kind'>;

export const UpdateObjectBody = Type.Object(
  {
    nameJa: Type.Optional(ObjectName),
    nameEn: Type.Optional(ObjectName),
    category: Type.Optional(Category),
    description: Type.Optional(Description),
    ownerId: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);
export type UpdateObjectBody = Static<typeof UpdateObjectBody>;

export const ObjectResponse = Type.Object({ object: ModelObjectView });
export const ObjectListResponse = Type.Object({
  items: Type.Array(ModelObjectView),
  categories: Type.Array(Type.String()),
});
