import { Type, type Static } from 'typebox';
import { IsoDate } from '../shared-schemas.js';

export const VERSION_PATTERN = '^\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}(-[0-9A-Za-z.]{1,32})?$';
export const Category = Type.Union([Type.Literal('feature'), Type.Literal('fix'), Type.Literal('security')]);
export const ReleaseChange = Type.Object(
  {
    category: Category,
    ja: Type.String({ minLength: 1, maxLength: 2000 }),
    en: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ReleaseChange = Static<typeof ReleaseChange>;

export const PublishReleaseBody = Type.Object(
  {
    version: Type.String({ pattern: VERSION_PATTERN, maxLength: 50 }),
    releasedOn: IsoDate,
    changes: Type.Array(ReleaseChange, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type PublishReleaseBody = Static<typeof PublishReleaseBody>;

export const ReleaseView = Type.Object({
  id: Type.String(),
  version: Type.String(),
  releasedOn: Type.String({ description: 'YYYY-MM-DD' }),
  changes: Type.Array(ReleaseChange),
  publishedAt: Type.String({ description: 'ISO 8601 in the installation / tenant zone' }),
});
export type ReleaseView = Static<typeof ReleaseView>;

export const ReleaseResponse = Type.Object({ release: ReleaseView });
export const ReleaseListResponse = Type.Object({
  currentVersion: Type.String(),
  items: Type.Array(ReleaseView),
});
export const WhatsNewResponse = Type.Object({
  currentVersion: Type.String(),
  lastSeenVersion: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Array(ReleaseView, { description: 'Releases after the last one seen, up to the running one' }),
});
