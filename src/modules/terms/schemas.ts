import { Type, type Static } from 'typebox';
import { IsoDate } from '../shared-schemas.js';

const Bilingual = (max: number) =>
  Type.Object(
    { ja: Type.String({ minLength: 1, maxLength: max }), en: Type.String({ minLength: 1, maxLength: max }) },
    { additionalProperties: false },
  );

export const PublishTermsBody = Type.Object(
  {
    governingLaw: Bilingual(200),
    contact: Type.String({ minLength: 1, maxLength: 500 }),
    text: Bilingual(100_000),
    effectiveOn: IsoDate,
  },
  { additionalProperties: false },
);
export type PublishTermsBody = Static<typeof PublishTermsBody>;

export const TermsView = Type.Object({
  revision: Type.Integer(),
  governingLaw: Type.Object({ ja: Type.String(), en: Type.String() }),
  contact: Type.String(),
  text: Type.Object({ ja: Type.String(), en: Type.String() }),
  effectiveOn: Type.String({ description: 'YYYY-MM-DD' }),
  publishedAt: Type.String({ description: 'ISO 8601 in the installation zone' }),
});
export type TermsView = Static<typeof TermsView>;

export const TermsResponse = Type.Object({ terms: TermsView });
export const OperatorTermsResponse = Type.Object({
  terms: Type.Union([TermsView, Type.Null()]),
  history: Type.Array(
    Type.Object({ revision: Type.Integer(), effectiveOn: Type.String(), publishedAt: Type.String() }),
  ),
});
