import { Type, type Static } from 'typebox';

/** The package format (docs/handbook/en/model-packages.md describes it for people). */
export const FORMAT = 'yosan-package';
export const FORMAT_VERSION = 1;

const Code = Type.String({ minLength: 1, maxLength: 64 });
const Kind = Type.Union([
  Type.Literal('dimension'),
  Type.Literal('cube'),
  Type.Literal('form'),
  Type.Literal('portal'),
]);
const Names = Type.Object(
  { ja: Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
/** Semantic version, e.g. 1.2.0 (no build metadata). */
export const SemVer = Type.String({
  maxLength: 40,
  pattern: '^(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})\\.(0|[1-9][0-9]{0,8})(-[0-9A-Za-z.-]{1,20})?$',
});
export const PackageCode = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$',
});
/** Where an object lives in the zip: `objects/001.json`, `objects/002.json`, … */
export const OBJECT_FILE = /^objects\/[0-9]{3,4}\.json$/;

export const ObjectFacts = Type.Object(
  {
    kind: Kind,
    code: Code,
    name: Names,
    category: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ObjectFacts = Static<typeof ObjectFacts>;

export const Manifest = Type.Object(
  {
    format: Type.Literal(FORMAT),
    formatVersion: Type.Literal(FORMAT_VERSION),
    code: PackageCode,
    version: SemVer,
    name: Names,
    description: Type.String({ maxLength: 2000 }),
    createdAt: Type.String({ maxLength: 40 }),
    producer: Type.Object(
      { name: Type.String({ maxLength: 64 }), version: Type.String({ maxLength: 64 }) },
      { additionalProperties: false },
    ),
    withFigures: Type.Boolean(),
    objects: Type.Array(
      Type.Object(
        {
          kind: Kind,
          code: Code,
          name: Names,
          category: Type.String({ maxLength: 200 }),
          description: Type.String({ maxLength: 2000 }),
          file: Type.String({ maxLength: 40, pattern: OBJECT_FILE.source }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);
export type Manifest = Static<typeof Manifest>;

/** One object file: its catalogue facts and its kind's definition (checked by the codec's schema). */
export const ObjectFile = Type.Object(
  {
    kind: Kind,
    code: Code,
    name: Names,
    category: Type.String({ maxLength: 200 }),
    description: Type.String({ maxLength: 2000 }),
    definition: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type ObjectFile = Static<typeof ObjectFile>;

/** Compares two semantic versions (pre-releases before their release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split(/-(.*)/s, 2);
    return { nums: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
