import { Type } from 'typebox';
import type { App } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { formatInZone } from '../../platform/time/zoned.js';
import { errorResponses } from '../shared-schemas.js';
import { readSbom } from './service.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const DependenciesResponse = Type.Object({
  available: Type.Boolean({ description: 'false when the build produced no SBOM (run `npm run sbom`)' }),
  runningVersion: Type.String(),
  format: Nullable(Type.String()),
  generatedAt: Nullable(Type.String()),
  productVersion: Nullable(Type.String()),
  dependencies: Type.Array(
    Type.Object({
      name: Type.String(),
      version: Type.String(),
      purl: Nullable(Type.String()),
      license: Nullable(Type.String()),
    }),
  ),
});

/** §16: the operator console's dependency list, read from the SBOM shipped with the build. */
export function sbomRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/operator/dependencies',
    {
      config: { auth: 'operator' },
      schema: { tags: ['operator'], response: { 200: DependenciesResponse, ...errorResponses } },
    },
    async () => {
      const sbom = await readSbom();
      if (!sbom)
        return {
          available: false,
          runningVersion: deps.version,
          format: null,
          generatedAt: null,
          productVersion: null,
          dependencies: [],
        };
      return {
        available: true,
        runningVersion: deps.version,
        format: sbom.format,
        generatedAt: formatInZone(sbom.generatedAt, deps.config.timeZone),
        productVersion: sbom.product.version,
        dependencies: sbom.dependencies,
      };
    },
  );
}
