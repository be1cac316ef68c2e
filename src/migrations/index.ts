import type { Migration } from '../platform/db/migrator.js';
import { m0001_init as control0001 } from './control/0001_init.js';
import { m0002_checkpoints as control0002 } from './control/0002_checkpoints.js';
import { m0003_provider_ops as control0003 } from './control/0003_provider_ops.js';
import { m0004_operations as control0004 } from './control/0004_operations.js';
import { m0005_backups as control0005 } from './control/0005_backups.js';
import { m0006_contracts as control0006 } from './control/0006_contracts.js';
import { m0007_packages as control0007 } from './control/0007_packages.js';
import { m0001_init as tenant0001 } from './tenant/0001_init.js';
import { m0002_evidence as tenant0002 } from './tenant/0002_evidence.js';
import { m0003_groups as tenant0003 } from './tenant/0003_groups.js';
import { m0004_security as tenant0004 } from './tenant/0004_security.js';
import { m0005_cubes as tenant0005 } from './tenant/0005_cubes.js';
import { m0006_provider_ops as tenant0006 } from './tenant/0006_provider_ops.js';
import { m0007_support as tenant0007 } from './tenant/0007_support.js';
import { m0009_exports as tenant0009 } from './tenant/0009_exports.js';
import { m0010_model as tenant0010 } from './tenant/0010_model.js';
import { m0011_forms as tenant0011 } from './tenant/0011_forms.js';
import { m0012_portals as tenant0012 } from './tenant/0012_portals.js';
import { m0013_packages as tenant0013 } from './tenant/0013_packages.js';
import { m0015_entry as tenant0015 } from './tenant/0015_entry.js';
import { m0016_locks as tenant0016 } from './tenant/0016_locks.js';
import { m0017_workflow as tenant0017 } from './tenant/0017_workflow.js';

/** Control database migrations, in order. Append new ones; never edit an applied one. */

export const controlMigrations: readonly Migration[] = [
  control0001,
  control0002,
  control0003,
  control0004,
  control0005,
  control0006,
  control0007,
];

/** Tenant database migrations, in order. Append new ones; never edit an applied one. */
export const tenantMigrations: readonly Migration[] = [
  tenant0001,
  tenant0002,
  tenant0003,
  tenant0004,
  tenant0005,
  tenant0006,
  tenant0007,
  tenant0009,
  tenant0010,
  tenant0011,
  tenant0012,
  tenant0013,
  tenant0015,
  tenant0016,
  tenant0017,
];
