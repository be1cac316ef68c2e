import type { App } from '../../platform/server/app.js';
import type { AppDeps } from '../../platform/server/context.js';
import { catalogueRoutes } from './catalogue-routes.js';
import { cubeRoutes } from './cube-routes.js';
import { dimensionRoutes } from './dimension-routes.js';
import { formRoutes } from './form-routes.js';
import { formXlsxRoutes } from './form-xlsx-routes.js';
import { rightsRoutes } from './rights-routes.js';
import { sliceRoutes } from './slice-routes.js';
import { portalRoutes } from './portal-routes.js';
import { objectRightsRoutes } from './rights-objects-routes.js';
import { numberFormatRoutes } from './number-format-settings.js';

/** The planning model's routes (issue 6) under `/t/:slug/api/model/...`. */
export function modelRoutes(app: App, deps: AppDeps): void {
  catalogueRoutes(app, deps);
  dimensionRoutes(app, deps);
  cubeRoutes(app, deps);
  rightsRoutes(app, deps);
  sliceRoutes(app, deps);
  portalRoutes(app, deps);
  objectRightsRoutes(app, deps);
  formRoutes(app, deps);
  formXlsxRoutes(app, deps);
  numberFormatRoutes(app, deps);
}
