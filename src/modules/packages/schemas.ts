import { Type, type Static } from 'typebox';
import { SingleLine } from '../shared-schemas.js';
import { PackageCode, SemVer } from './manifest.js';

const Names = Type.Object({ ja: Type.String(), en: Type.String() });
const Kind = Type.Union([
  Type.Literal('dimension'),
  Type.Literal('cube'),
  Type.Literal('form'),
  Type.Literal('portal'),
]);

export const PackageIdParams = Type.Object({
  slug: Type.String({ maxLength: 64 }),
  id: Type.String({ maxLength: 64 }),
});
export const OperatorPackageParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const ExportBody = Type.Object(
  {
    code: PackageCode,
    version: SemVer,
    nameJa: SingleLine({ minLength: 1, maxLength: 200, notBlank: true }),
    nameEn: SingleLine({ minLength: 1, maxLength: 200, notBlank: true }),
    description: Type.String({ maxLength: 2000 }),
    objectIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500 }),
    withFigures: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type ExportBody = Static<typeof ExportBody>;

export const ApplyBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const PreviewObject = Type.Object({
  kind: Kind,
  code: Type.String(),
  name: Names,
  outcome: Type.Union([
    Type.Literal('added'),
    Type.Literal('changed'),
    Type.Literal('unchanged'),
    Type.Literal('conflict'),
  ]),
  diff: Type.Array(Type.String()),
  conflict: Type.Union([Type.String(), Type.Null()]),
});

export const PreviewResponse = Type.Object({
  token: Type.String(),
  manifest: Type.Object({
    code: Type.String(),
    version: Type.String(),
    name: Names,
    description: Type.String(),
    createdAt: Type.String(),
    withFigures: Type.Boolean(),
  }),
  origin: Type.Union([Type.Literal('provider'), Type.Literal('tenant')]),
  installedVersion: Type.Union([Type.String(), Type.Null()]),
  objects: Type.Array(PreviewObject),
  canApply: Type.Boolean(),
});

export const InstallResponse = Type.Object({
  code: Type.String(),
  version: Type.String(),
  objects: Type.Array(PreviewObject),
  ids: Type.Array(Type.Object({ kind: Kind, code: Type.String(), id: Type.String() })),
});

const InstalledView = Type.Object({
  code: Type.String(),
  version: Type.String(),
  name: Names,
  origin: Type.Union([Type.Literal('provider'), Type.Literal('tenant')]),
  withFigures: Type.Boolean(),
  objects: Type.Array(Type.Object({ kind: Kind, code: Type.String() })),
  installedAt: Type.String(),
});

const AvailableView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.String(),
  name: Names,
  description: Type.String(),
  objectCount: Type.Integer(),
  withFigures: Type.Boolean(),
  state: Type.Union([
    Type.Literal('not_installed'),
    Type.Literal('installed'),
    Type.Literal('update_available'),
  ]),
  installedVersion: Type.Union([Type.String(), Type.Null()]),
});

export const PackageListResponse = Type.Object({
  installed: Type.Array(InstalledView),
  available: Type.Array(AvailableView),
  demo: Type.Union([Type.Object({ packageId: Type.String() }), Type.Null()]),
});

export const ProviderPackageView = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.String(),
  name: Names,
  description: Type.String(),
  objectCount: Type.Integer(),
  withFigures: Type.Boolean(),
  builtin: Type.Boolean(),
  sha256: Type.String(),
  uploadedAt: Type.String(),
  tenantIds: Type.Array(Type.String()),
});
export const ProviderPackageList = Type.Object({ items: Type.Array(ProviderPackageView) });
export const ProviderPackageResponse = Type.Object({ package: ProviderPackageView });
export const DistributeBody = Type.Object(
  { tenantIds: Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 1000 }) },
  { additionalProperties: false },
);
