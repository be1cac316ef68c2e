import type { App } from '../platform/server/app.js';
import type { AppDeps } from '../platform/server/context.js';
import { accountRoutes } from './account/routes.js';
import { backupRoutes } from './backups/routes.js';
import { evidenceRoutes } from './evidence/routes.js';
import { groupRoutes } from './groups/routes.js';
import { modelRoutes } from './model/routes.js';
import { statusRoutes } from './evidence/status.js';
import { identityRoutes } from './identity/routes.js';
import { operatorRoutes } from './operators/routes.js';
import { systemRoutes } from './system/routes.js';
import { tenantRoutes } from './tenants/routes.js';
import { userRoutes } from './users/routes.js';
import { contractRoutes } from './contracts/routes.js';
import { exportRoutes } from './exports/routes.js';
// provider operations (issue 9)
import { incidentRoutes } from './incidents/routes.js';
import { maintenanceRoutes } from './maintenance/routes.js';
import { supportRoutes } from './support/routes.js';
import { handbookRoutes } from './handbook/routes.js';
import { releaseRoutes } from './releases/routes.js';
import { sbomRoutes } from './sbom/routes.js';
import { termsRoutes } from './terms/routes.js';
import { trustRoutes } from './trust/routes.js';
import { workflowRoutes } from './workflow/routes.js';
import { packageRoutes } from './packages/routes.js';
import { entryRoutes } from './entry/routes.js';

/** Every domain module's routes. A new module adds one line here. */
export async function registerModules(app: App, deps: AppDeps): Promise<void> {
  systemRoutes(app, deps);
  operatorRoutes(app, deps);
  tenantRoutes(app, deps);
  identityRoutes(app, deps);
  evidenceRoutes(app, deps);
  statusRoutes(app, deps);
  accountRoutes(app, deps);
  userRoutes(app, deps);
  groupRoutes(app, deps);
  contractRoutes(app, deps);
  exportRoutes(app, deps);
  supportRoutes(app, deps);
  incidentRoutes(app, deps);
  maintenanceRoutes(app, deps);
  handbookRoutes(app, deps);
  releaseRoutes(app, deps);
  termsRoutes(app, deps);
  sbomRoutes(app, deps);
  trustRoutes(app, deps);
  modelRoutes(app, deps);
  backupRoutes(app, deps);
  workflowRoutes(app, deps);
  packageRoutes(app, deps);
  entryRoutes(app, deps);
  await Promise.resolve();
}
