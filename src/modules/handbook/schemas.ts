import { Type, type Static } from 'typebox';

export const Lang = Type.Union([Type.Literal('ja'), Type.Literal('en')]);
const AudienceSchema = Type.Union([Type.Literal('user'), Type.Literal('admin'), Type.Literal('operator')]);

export const HandbookQuery = Type.Object({ lang: Lang }, { additionalProperties: false });
export const HandbookSearchQuery = Type.Object(
  { lang: Lang, q: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const PageParams = Type.Object({
  slug: Type.Optional(Type.String({ maxLength: 64 })),
  lang: Lang,
  page: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,80}$' }),
});
export const ScreenshotParams = Type.Object({
  slug: Type.Optional(Type.String({ maxLength: 64 })),
  file: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,120}\\.png$' }),
});
export const TenantOnlyParams = Type.Object({ slug: Type.Optional(Type.String({ maxLength: 64 })) });

const PageRef = Type.Object({ id: Type.String(), title: Type.String(), audience: AudienceSchema });

export const TocResponse = Type.Object({ lang: Lang, pages: Type.Array(PageRef) });
export const PageResponse = Type.Object({
  id: Type.String(),
  lang: Lang,
  title: Type.String(),
  audience: AudienceSchema,
  html: Type.String({ description: 'Rendered from Markdown with raw HTML escaped' }),
});
export type PageResponse = Static<typeof PageResponse>;
export const SearchResponse = Type.Object({
  lang: Lang,
  q: Type.String(),
  results: Type.Array(Type.Object({ ...PageRef.properties, snippet: Type.String() })),
});
